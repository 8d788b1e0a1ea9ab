// publish.mjs PAGE.html HOSTILE.html [SCREENSHOT_DIR]
//
// The page worth publishing, in Debian's headless Chromium (as
// html_sort.mjs): PAGE.html is the first 700 rows of the final Open LLM
// Leaderboard v2 (benchmarks/openllm_v2_final.csv) with -c params_b,type,license,
// is_merged,is_moe,is_flagged, --title, --source, --date and --link;
// HOSTILE.html is publish_hostile.csv (hostile model names, metadata
// column names and values) with --link. Drives every control and checks
// the rows shown:
//   - the heading, the source line, no request leaves the page;
//   - sorting: params_b (text in the file) as numbers both ways, a text
//     column (type), a score (Average), the rank back;
//   - the range filter on params_b, the all/yes/no filters on is_merged and
//     is_flagged, the choice of license, together and cleared;
//   - the In view rank while a filter hides rows (and hidden otherwise);
//   - the Columns boxes hide and show a column;
//   - model links: the name percent-encoded into the template's path, the
//     host always the template's, hostile names and column names shown as
//     text in the links and the filters, never run.
// Exits 0 when every check passes; prints one line per check.
import { join, resolve } from 'node:path';
import { check, failed, launch } from './harness.mjs';
import { pathToFileURL } from 'node:url';

const [pagePath, hostilePath, shots] = process.argv.slice(2);
if (!pagePath || !hostilePath) {
  console.error('usage: node publish.mjs PAGE.html HOSTILE.html [SHOT_DIR]');
  process.exit(2);
}

const { context, close } = await launch();
context.setDefaultTimeout(30000);

// the cells of column NAME in the rows shown (all rows with all = true)
const cells = (p, name, all = false) => p.evaluate(([name, all]) => {
  const heads = [...document.querySelectorAll('#board thead th')];
  const i = heads.findIndex((th) => th.textContent.trim() === name);
  if (i < 0) return null;
  return [...document.querySelectorAll('#board tbody tr')]
    .filter((tr) => all || !tr.hidden).map((tr) => tr.cells[i].textContent);
}, [name, all]);
const num = (v) => (v === '-' ? null : parseFloat(v));
const sortedBy = (xs, cmp) => xs.every((x, i) => i === 0 || cmp(xs[i - 1], x) <= 0);
const count = (p) => p.locator('#count').textContent();

try {
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  const url = pathToFileURL(resolve(pagePath)).href;
  await page.goto(url);
  check('the page loads nothing but itself',
        requests.every((u) => u === url || u.startsWith('data:')), requests.join(' '));

  check('--title is the heading and the window title',
        (await page.locator('h1').textContent()) === 'Open LLM Leaderboard v2 (final)' &&
        (await page.title()) === 'Open LLM Leaderboard v2 (final)');
  check('the source line says --source and --date',
        (await page.locator('p.source').textContent()) ===
        'Source: Open LLM Leaderboard v2, as of 2025-03-21',
        await page.locator('p.source').textContent());

  const models = await cells(page, 'Model', true);
  const total = models.length;
  check('the first 700 rows are there', total === 700, String(total));
  const href = await page.locator('#board tbody td.model a').first().getAttribute('href');
  check('a model links to its page', href === `https://huggingface.co/${models[0]}`, href);

  // sorting by each kind of column
  const params = async () => (await cells(page, 'params_b')).map(num);
  await page.getByRole('button', { name: 'params_b', exact: true }).click();
  let p = await params();
  let present = p.filter((v) => v !== null);
  check('params_b (text in the file) sorts as numbers, largest first, unknown last',
        present.length > 600 && sortedBy(present, (a, b) => b - a) &&
        p.slice(present.length).every((v) => v === null) && present[0] > 100,
        p.slice(0, 5).join(' '));
  await page.getByRole('button', { name: 'params_b', exact: true }).click();
  p = await params();
  present = p.filter((v) => v !== null);
  check('and smallest first on a second click (0.34 before 13.0 before 175.0)',
        sortedBy(present, (a, b) => a - b) && present[0] < 1,
        present.slice(0, 5).join(' '));
  await page.getByRole('button', { name: 'type', exact: true }).click();
  const types = await cells(page, 'type');
  check('a text column sorts as text', sortedBy(types, (a, b) => (a < b ? -1 : a > b ? 1 : 0)) &&
        types[0] !== types[types.length - 1], `${types[0]} .. ${types[types.length - 1]}`);
  await page.getByRole('button', { name: 'license', exact: true }).click();
  const licenses = await cells(page, 'license');
  const known = licenses.filter((v) => v !== '-');
  check('a text column keeps its missing values (-) last', known.length > 100 &&
        licenses.slice(known.length).every((v) => v === '-') &&
        licenses.length > known.length &&
        sortedBy(known, (a, b) => (a < b ? -1 : a > b ? 1 : 0)),
        `${licenses[0]} .. ${licenses[licenses.length - 1]}`);
  await page.getByRole('button', { name: 'Average', exact: true }).click();
  const avg = (await cells(page, 'Average')).map(num).filter((v) => v !== null);
  check('a score sorts highest first', sortedBy(avg, (a, b) => b - a), avg.slice(0, 3).join(' '));
  await page.getByRole('button', { name: 'Rank', exact: true }).click();
  check('Rank gives the ranking back', (await cells(page, 'Model')).join('\n') === models.join('\n'));

  // no filter: no In view column
  const viewHidden = () => page.evaluate(() =>
    document.querySelector('#board thead th[data-view]').hidden);
  check('without a filter there is no In view column', await viewHidden());
  check('the count says every row', (await count(page)) === `${total} of ${total} rows shown`,
        await count(page));

  // the range of params_b
  await page.getByLabel('params_b at least').fill('7');
  await page.getByLabel('params_b at most').fill('8');
  const all = (await cells(page, 'params_b', true)).map(num);
  const inRange = all.filter((v) => v !== null && v >= 7 && v <= 8).length;
  p = (await params());
  check('the params_b range keeps the rows from 7 to 8, and all of them',
        p.length === inRange && p.length > 50 && p.every((v) => v !== null && v >= 7 && v <= 8),
        `${p.length} of ${inRange}`);
  check('the count follows', (await count(page)) === `${inRange} of ${total} rows shown`,
        await count(page));
  check('a filter shows the In view column', !(await viewHidden()));
  const inView = async () => {
    const ranks = (await cells(page, 'Rank')).map(num);
    const view = (await cells(page, 'In view')).map(num);
    const shownRanks = ranks.filter((r) => r !== null);
    return ranks.every((r, i) => (r === null ? view[i] === null
      : view[i] === 1 + shownRanks.filter((s) => s < r).length)) &&
      view[0] === 1;
  };
  check('In view ranks the rows shown: 1 + those shown that rank higher', await inView(),
        (await cells(page, 'In view')).slice(0, 5).join(' '));
  check('Rank still says the whole board\'s rank', (await cells(page, 'Rank'))[0] !== '1',
        (await cells(page, 'Rank'))[0]);

  // booleans: all, yes, no
  const merged = page.getByRole('radio', { name: 'is_merged: no' });
  await merged.check();
  const mergedShown = await cells(page, 'is_merged');
  check('is_merged: no hides the merges', mergedShown.length > 0 &&
        mergedShown.length < p.length && mergedShown.every((v) => v === 'false'),
        `${mergedShown.length} rows`);
  check('and In view ranks again', await inView());
  await page.getByRole('radio', { name: 'is_merged: yes' }).check();
  const onlyMerged = await cells(page, 'is_merged');
  check('is_merged: yes keeps only the merges', onlyMerged.length > 0 &&
        onlyMerged.length + mergedShown.length === p.length &&
        onlyMerged.every((v) => v === 'true'), `${onlyMerged.length} rows`);
  await page.getByRole('radio', { name: 'is_merged: all' }).check();
  check('is_merged: all keeps both', (await cells(page, 'is_merged')).length === p.length);

  // the choice of license
  const options = await page.getByRole('combobox', { name: 'license' })
    .locator('option').allTextContents();
  const counts = options.slice(1).map((o) => parseInt(o.replace(/.* \((\d+)\)$/, '$1'), 10));
  check('license offers its values (unknown: -), most common first, with counts',
        options[0] === 'all' && options.length > 3 && options.length <= 31 &&
        options.includes('- (267)') &&
        options.some((o) => /^apache-2\.0 \(\d+\)$/.test(o)) &&
        sortedBy(counts, (a, b) => b - a), options.slice(0, 4).join(' | '));
  await page.getByRole('combobox', { name: 'license' }).selectOption('apache-2.0');
  const lic = await cells(page, 'license');
  const licParams = (await params());
  check('license: apache-2.0 with the range keeps what both allow',
        lic.length > 0 && lic.every((v) => v === 'apache-2.0') &&
        licParams.every((v) => v >= 7 && v <= 8), `${lic.length} rows`);
  check('and In view still ranks them', await inView());

  // clear, then the one flagged model
  await page.getByRole('button', { name: 'Clear filters' }).click();
  check('Clear filters shows every row again, without In view',
        (await cells(page, 'Model')).length === total && await viewHidden() &&
        (await page.getByLabel('params_b at least').inputValue()) === '');
  await page.getByRole('radio', { name: 'is_flagged: yes' }).check();
  const flaggedAll = (await cells(page, 'is_flagged', true)).filter((v) => v === 'true').length;
  const flagged = await cells(page, 'is_flagged');
  check('is_flagged: yes shows exactly the flagged rows',
        flagged.length === flaggedAll && flaggedAll >= 1 && flagged.every((v) => v === 'true'),
        `${flagged.length} of ${flaggedAll}`);
  check('the flagged model is first in view', (await cells(page, 'In view'))[0] === '1');
  await page.getByRole('radio', { name: 'is_flagged: all' }).check();
  await page.getByRole('radio', { name: 'is_moe: yes' }).check();
  const moe = await cells(page, 'is_moe');
  check('is_moe: yes keeps the mixtures of experts', moe.length >= 3 &&
        moe.every((v) => v === 'true'), `${moe.length} rows`);
  if (shots) await page.screenshot({ path: join(shots, 'publish.png') });
  await page.getByRole('button', { name: 'Clear filters' }).click();

  // column visibility
  await page.locator('#columns summary').click();
  const typeBox = page.getByRole('checkbox', { name: 'show type' });
  await typeBox.uncheck();
  const hiddenType = await page.evaluate(() => {
    const heads = [...document.querySelectorAll('#board thead th')];
    const i = heads.findIndex((th) => th.textContent.trim() === 'type');
    return heads[i].hidden && [...document.querySelectorAll('#board tbody tr')]
      .every((tr) => tr.cells[i].hidden) && heads[i].offsetWidth === 0;
  });
  check('unticking type hides its column', hiddenType);
  await typeBox.check();
  const shownType = await page.evaluate(() => {
    const heads = [...document.querySelectorAll('#board thead th')];
    const i = heads.findIndex((th) => th.textContent.trim() === 'type');
    return !heads[i].hidden && heads[i].offsetWidth > 0;
  });
  check('ticking it shows it again', shownType);
  const boxes = await page.locator('#columns input[type=checkbox]').count();
  const heads = await page.locator('#board thead th').count();
  check('every column but Model and In view has a box', boxes === heads - 2,
        `${boxes} boxes, ${heads} columns`);
  check('no script error', errors.length === 0, errors.join(' | '));

  await page.setViewportSize({ width: 390, height: 844 });
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth,
                                            window.innerWidth]);
  check('on a phone the filters wrap: the page does not scroll sideways',
        widths[0] <= widths[1], `${widths[0]} > ${widths[1]}`);
  if (shots) await page.screenshot({ path: join(shots, 'publish_phone.png') });

  // hostile names in links and filters
  const hostile = await context.newPage();
  const dialogs = [];
  const hostileErrors = [];
  hostile.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  hostile.on('pageerror', (e) => hostileErrors.push(String(e)));
  await hostile.goto(pathToFileURL(resolve(hostilePath)).href);
  const links = await hostile.evaluate(() => [...document.querySelectorAll('#board td.model a')]
    .map((a) => [a.textContent, a.getAttribute('href'), new URL(a.href).host]));
  check('every link stays on the template\'s host', links.length === 5 &&
        links.every((l) => l[2] === 'huggingface.co'), JSON.stringify(links));
  check('names are percent-encoded into the path, "/" kept',
        links.some((l) => l[0] === 'a b/c?d=1#e' &&
          l[1] === 'https://huggingface.co/a%20b/c%3Fd%3D1%23e') &&
        links.some((l) => l[0] === 'javascript:alert(1)' &&
          l[1] === 'https://huggingface.co/javascript%3Aalert%281%29'),
        JSON.stringify(links));
  const legends = await hostile.locator('#filters legend').allTextContents();
  check('hostile column names head their filters as text',
        legends.includes('<i>license</i>') && legends.includes('is_<b>merged</b>') &&
        legends.includes('params_b'), legends.join(' | '));
  await hostile.getByRole('combobox', { name: '<i>license</i>' })
    .selectOption('<script>window.pwned=5</script>');
  const hm = await cells(hostile, 'Model');
  check('a hostile value is a choice like any other', hm.length === 2 &&
        hm.includes('javascript:alert(1)'), hm.join(' | '));
  await hostile.getByRole('radio', { name: 'is_<b>merged</b>: yes' }).check();
  check('and combines with a hostile boolean column',
        (await cells(hostile, 'Model')).join('|') === 'javascript:alert(1)');
  await hostile.locator('#board tbody tr:not([hidden]) td.model a').first().hover();
  const pwned = await hostile.evaluate(() => [window.pwned, document.scripts.length,
                                              document.querySelectorAll('#filters script, #filters img').length]);
  check('hostile names run nothing', pwned[0] === undefined && pwned[1] === 1 &&
        pwned[2] === 0 && dialogs.length === 0 && hostileErrors.length === 0,
        JSON.stringify(pwned) + hostileErrors.join(' | '));
} finally {
  await close();
}

console.log(failed() === 0 ? 'all publishing checks passed' : `${failed()} publishing check(s) failed`);
process.exit(failed() === 0 ? 0 : 1);
