#include "test_util.h"

#include "base/buf.h"

static void test_buf_appends(void **state)
{
    struct lb_buf b = LB_BUF_INIT;
    size_t i;

    (void)state;
    assert_string_equal(lb_buf_str(&b), "");
    lb_buf_adds(&b, "ab");
    lb_buf_addc(&b, 'c');
    lb_buf_addf(&b, "%d-%s", 42, "x");
    lb_buf_addpad(&b, '.', 3);
    assert_string_equal(b.data, "abc42-x...");
    assert_int_equal(b.len, 10);
    lb_buf_reset(&b);
    assert_string_equal(b.data, "");
    for (i = 0; i < 10000; i++)
        lb_buf_addc(&b, 'z');
    assert_int_equal(b.len, 10000);
    assert_int_equal(b.data[10000], '\0');
    lb_buf_release(&b);
    assert_null(b.data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buf_appends),
    };

    return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}
