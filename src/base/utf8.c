#include "base/utf8.h"

#include <stdio.h>
#include <string.h>

size_t lb_utf8_decode(const char *str, size_t len, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    uint32_t c;
    size_t n, i;

    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if (s[0] >= 0xC2 && s[0] <= 0xDF) {
        n = 2;
        c = s[0] & 0x1Fu;
    } else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
        n = 3;
        c = s[0] & 0x0Fu;
    } else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
        n = 4;
        c = s[0] & 0x07u;
    } else {
        return 0; /* continuation byte, overlong lead (C0, C1) or F5..FF */
    }
    if (len < n)
        return 0;
    for (i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3Fu);
    }
    if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) || c > 0x10FFFF ||
        (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return n;
}

struct range {
    uint32_t lo, hi;
};

static bool in_ranges(uint32_t cp, const struct range *r, size_t n)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (cp < r[mid].lo)
            hi = mid;
        else if (cp > r[mid].hi)
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

/* Zero-width: combining marks of the common scripts, zero-width spaces and
 * joiners, variation selectors, Hangul medial vowels and final consonants.
 * Sorted, non-overlapping. */
static const struct range zero_width[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x05BF, 0x05BF},
    {0x05C1, 0x05C2}, {0x05C4, 0x05C5}, {0x05C7, 0x05C7}, {0x0610, 0x061A},
    {0x064B, 0x065F}, {0x0670, 0x0670}, {0x06D6, 0x06DC}, {0x06DF, 0x06E4},
    {0x06E7, 0x06E8}, {0x06EA, 0x06ED}, {0x0900, 0x0902}, {0x093A, 0x093A},
    {0x093C, 0x093C}, {0x0941, 0x0948}, {0x094D, 0x094D}, {0x0951, 0x0957},
    {0x0962, 0x0963}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x0E47, 0x0E4E},
    {0x1160, 0x11FF}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200D},
    {0x20D0, 0x20FF}, {0x302A, 0x302D}, {0x3099, 0x309A}, {0xD7B0, 0xD7FF},
    {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0xE0000, 0xE0FFF},
};

/* East Asian Wide and Fullwidth, and emoji presented wide. Sorted,
 * non-overlapping. */
static const struct range wide[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},
    {0x23E9, 0x23EC},   {0x23F0, 0x23F0},   {0x23F3, 0x23F3},
    {0x25FD, 0x25FE},   {0x2614, 0x2615},   {0x2648, 0x2653},
    {0x267F, 0x267F},   {0x2693, 0x2693},   {0x26A1, 0x26A1},
    {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},
    {0x26CE, 0x26CE},   {0x26D4, 0x26D4},   {0x26EA, 0x26EA},
    {0x26F2, 0x26F3},   {0x26F5, 0x26F5},   {0x26FA, 0x26FA},
    {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},
    {0x2728, 0x2728},   {0x274C, 0x274C},   {0x274E, 0x274E},
    {0x2753, 0x2755},   {0x2757, 0x2757},   {0x2795, 0x2797},
    {0x27B0, 0x27B0},   {0x27BF, 0x27BF},   {0x2B1B, 0x2B1C},
    {0x2B50, 0x2B50},   {0x2B55, 0x2B55},   {0x2E80, 0x3029},
    {0x302E, 0x303E},   {0x3041, 0x3098},   {0x309B, 0x33FF},
    {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
    {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},
    {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},   {0xFF00, 0xFF60},
    {0xFFE0, 0xFFE6},   {0x16FE0, 0x16FE4}, {0x17000, 0x18CFF},
    {0x1B000, 0x1B2FF}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF},
    {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F251},
    {0x1F300, 0x1F320}, {0x1F32D, 0x1F335}, {0x1F337, 0x1F37C},
    {0x1F37E, 0x1F393}, {0x1F3A0, 0x1F3CA}, {0x1F3CF, 0x1F3D3},
    {0x1F3E0, 0x1F3F0}, {0x1F3F4, 0x1F3F4}, {0x1F3F8, 0x1F43E},
    {0x1F440, 0x1F440}, {0x1F442, 0x1F4FC}, {0x1F4FF, 0x1F53D},
    {0x1F54B, 0x1F54E}, {0x1F550, 0x1F567}, {0x1F57A, 0x1F57A},
    {0x1F595, 0x1F596}, {0x1F5A4, 0x1F5A4}, {0x1F5FB, 0x1F64F},
    {0x1F680, 0x1F6C5}, {0x1F6CC, 0x1F6CC}, {0x1F6D0, 0x1F6D2},
    {0x1F6D5, 0x1F6D7}, {0x1F6DC, 0x1F6DF}, {0x1F6EB, 0x1F6EC},
    {0x1F6F4, 0x1F6FC}, {0x1F7E0, 0x1F7EB}, {0x1F7F0, 0x1F7F0},
    {0x1F90C, 0x1F93A}, {0x1F93C, 0x1F945}, {0x1F947, 0x1F9FF},
    {0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

int lb_utf8_cp_width(uint32_t cp)
{
    if (cp < 0x300)
        return 1;
    if (in_ranges(cp, zero_width, sizeof zero_width / sizeof zero_width[0]))
        return 0;
    if (in_ranges(cp, wide, sizeof wide / sizeof wide[0]))
        return 2;
    return 1;
}

bool lb_utf8_is_unsafe(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C ||
           cp == 0x200E || cp == 0x200F || (cp >= 0x2028 && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069) ||
           cp == 0xFEFF; /* a byte order mark inside text: invisible */
}

bool lb_utf8_valid(const char *s, size_t len)
{
    size_t i = 0;
    uint32_t cp;

    while (i < len) {
        size_t n;

        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        n = lb_utf8_decode(s + i, len - i, &cp);
        if (n == 0)
            return false;
        i += n;
    }
    return true;
}

/* Writes the visible escape for one unsafe unit into esc (>= 12 bytes). */
static size_t escape_unit(char *esc, uint32_t cp, bool is_byte)
{
    int n;

    if (cp == '\t')
        n = snprintf(esc, 12, "\\t");
    else if (cp == '\n')
        n = snprintf(esc, 12, "\\n");
    else if (cp == '\r')
        n = snprintf(esc, 12, "\\r");
    else if (is_byte || cp < 0x80)
        n = snprintf(esc, 12, "\\x%02X", (unsigned)cp);
    else
        n = snprintf(esc, 12, "\\u%04X", (unsigned)cp);
    return n > 0 ? (size_t)n : 0;
}

size_t lb_utf8_render(struct lb_buf *out, const char *s, size_t len,
                      size_t max_width)
{
    size_t i = 0, width = 0;

    while (i < len) {
        uint32_t cp;
        size_t n, w, run;
        char esc[12];
        const char *piece;
        size_t piece_len;

        /* a run of printable ASCII at once, as far as it cannot reach
         * the room kept for "..." */
        run = lb_ascii_run(s + i, len - i);
        if (max_width > 0) {
            size_t room = width + 3 < max_width ? max_width - width - 3 : 0;

            if (run > room)
                run = room;
        }
        if (run > 0) {
            lb_buf_add(out, s + i, run);
            width += run;
            i += run;
            continue;
        }
        n = lb_utf8_decode(s + i, len - i, &cp);
        if (n == 0) {
            piece_len = escape_unit(esc, (unsigned char)s[i], true);
            piece = esc;
            w = piece_len;
            n = 1;
        } else if (lb_utf8_is_unsafe(cp)) {
            piece_len = escape_unit(esc, cp, false);
            piece = esc;
            w = piece_len;
        } else {
            piece = s + i;
            piece_len = n;
            w = (size_t)lb_utf8_cp_width(cp);
        }
        if (max_width > 0 && width + w > max_width - 3 &&
            lb_utf8_width(s + i, len - i) + width > max_width) {
            lb_buf_add(out, "...", 3);
            return width + 3;
        }
        lb_buf_add(out, piece, piece_len);
        width += w;
        i += n;
    }
    return width;
}

bool lb_text_formula_like(const char *s, size_t len)
{
    return len > 0 && (s[0] == '=' || s[0] == '+' || s[0] == '-' ||
                       s[0] == '@' || s[0] == '\t' || s[0] == '\r');
}

size_t lb_ascii_run(const char *s, size_t len)
{
    size_t i = 0;
    uint64_t word, bad;

    for (; i + 8 <= len; i += 8) {
        memcpy(&word, s + i, 8);
        bad = lb_word_unprintable(word);
        if (bad != 0)
            return i + lb_word_first(bad);
    }
    if (i < len && len >= 8) {
        /* the last eight bytes, those before i known printable */
        memcpy(&word, s + len - 8, 8);
        bad = lb_word_unprintable(word);
        return bad != 0 ? len - 8 + lb_word_first(bad) : len;
    }
    while (i < len && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F)
        i++;
    return i;
}

size_t lb_utf8_width(const char *s, size_t len)
{
    size_t i = 0, width = 0;
    char esc[12];

    while (i < len) {
        uint32_t cp;
        size_t n = lb_ascii_run(s + i, len - i);

        if (n > 0) {
            width += n;
            i += n;
            if (i == len)
                break;
        }
        n = lb_utf8_decode(s + i, len - i, &cp);
        if (n == 0) {
            width += escape_unit(esc, (unsigned char)s[i], true);
            i++;
        } else {
            if (lb_utf8_is_unsafe(cp))
                width += escape_unit(esc, cp, false);
            else
                width += (size_t)lb_utf8_cp_width(cp);
            i += n;
        }
    }
    return width;
}
