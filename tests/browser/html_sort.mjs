// html_sort.mjs BOARD.html HOSTILE.html DIFF.html COMPARE.html DUPS.html
//               BATTLES.html [SCREENSHOT_DIR]
//
// Opens the HTML pages of 'leaderboard rank', 'leaderboard diff' and
// 'leaderboard rank --compare-methods' in Debian's Chromium,
// headless, through playwright-core (no browser download: executablePath
// /usr/bin/chromium), and checks what a person would do with them:
//   - the page loads from its file alone: no request leaves it;
//   - clicking a header sorts the table (Model: by name; ARC: highest
//     first, a second click lowest first; Rank: back to the ranking, the
//     unranked rows last), and the order really changes;
//   - the filter box hides the rows whose model does not match;
//   - on a phone-sized screen the page does not scroll sideways (the table
//     does, inside its box);
//   - the charts are there and decode as images;
//   - hostile model and column names show as text and run nothing;
//   - the page of a diff and of the comparison of methods (the same table
//     engine, other views) load, sort by their columns (a rank lowest
//     first, a change highest first, "+0.66" read as a number), filter,
//     and keep a summary row (Kendall's tau-b) below the sorted rows;
//   - the count under the filter says "models" when each row is a model of
//     its own, "rows" when a model has several (DUPS.html).
//   - the page of 'leaderboard battles' (ratings from votes, with bootstrap
//     intervals and a model without a rating) sorts by rating and by
//     votes, keeps the model without a rating last, and shows its three
//     charts (ratings, win-rate, counts).
// Exits 0 when every check passes; prints one line per check.
import { join, resolve } from 'node:path';
import { check, failed, launch } from './harness.mjs';
import { pathToFileURL } from 'node:url';

const [boardPath, hostilePath, diffPath, comparePath, dupsPath, battlesPath,
  shots] = process.argv.slice(2);
if (!boardPath || !hostilePath || !diffPath || !comparePath || !dupsPath ||
    !battlesPath) {
  console.error('usage: node html_sort.mjs BOARD.html HOSTILE.html DIFF.html COMPARE.html ' +
                'DUPS.html BATTLES.html [SHOT_DIR]');
  process.exit(2);
}

const { context, close } = await launch();

context.setDefaultTimeout(5000);
try {
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const url = pathToFileURL(resolve(boardPath)).href;
  await page.goto(url);

  const outside = requests.filter((u) => u !== url && !u.startsWith('data:'));
  check('the page loads nothing but itself', outside.length === 0, outside.join(' '));
  check('no script error', errors.length === 0, errors.join(' | '));

  const column = (name) => page.evaluate((name) => {
    const heads = [...document.querySelectorAll('#board thead th')];
    const i = heads.findIndex((th) => th.textContent.trim() === name);
    return [...document.querySelectorAll('#board tbody tr')]
      .filter((tr) => !tr.hidden)
      .map((tr) => tr.cells[i].textContent);
  }, name);
  const click = (name) => page.getByRole('button', { name, exact: true }).click();

  const before = await column('Model');
  check('the table has rows', before.length > 3, `${before.length} rows`);

  await click('Model');
  const byName = await column('Model');
  const sorted = [...before].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  check('clicking Model changes the order', byName.join('\n') !== before.join('\n'));
  check('clicking Model sorts by name', byName.join('\n') === sorted.join('\n'),
        byName.slice(0, 3).join(', '));
  check('the header says how it is sorted',
        (await page.locator('th[aria-sort=ascending]').textContent()) === 'Model');

  await click('ARC');
  const arc = (await column('ARC')).map((v) => (v === '-' ? null : parseFloat(v)));
  const present = arc.filter((v) => v !== null);
  const descending = present.every((v, i) => i === 0 || present[i - 1] >= v);
  const missingLast = arc.indexOf(null) < 0 || arc.slice(arc.indexOf(null)).every((v) => v === null);
  check('clicking ARC sorts highest first, missing last', descending && missingLast,
        arc.join(' '));
  await click('ARC');
  const arc2 = (await column('ARC')).map((v) => (v === '-' ? null : parseFloat(v)));
  const present2 = arc2.filter((v) => v !== null);
  check('clicking ARC again sorts lowest first, missing still last',
        present2.every((v, i) => i === 0 || present2[i - 1] <= v) &&
        arc2.slice(present2.length).every((v) => v === null), arc2.join(' '));

  await click('Rank');
  const ranks = await column('Rank');
  check('clicking Rank gives the ranking back', ranks.join('\n') !== '' &&
        ranks[0] === '1' && ranks[ranks.length - 1] === '-' &&
        (await column('Model')).join('\n') === before.join('\n'), ranks.join(' '));

  await page.getByRole('searchbox', { name: 'Filter models' }).fill('llama');
  const kept = await column('Model');
  check('the filter keeps the matching models only', kept.length > 0 &&
        kept.length < before.length && kept.every((m) => m.toLowerCase().includes('llama')),
        kept.join(', '));
  check('the page counts what it shows',
        (await page.locator('#count').textContent()) === `${kept.length} of ${before.length} models shown`);
  await page.getByRole('searchbox', { name: 'Filter models' }).fill('');
  check('an empty filter shows every model', (await column('Model')).length === before.length);

  const charts = await page.evaluate(() => [...document.querySelectorAll('#charts img')]
    .map((img) => img.complete && img.naturalWidth > 0));
  check('the charts are embedded and decode', charts.length >= 3 && charts.every(Boolean),
        JSON.stringify(charts));
  if (shots) await page.screenshot({ path: join(shots, 'board.png'), fullPage: true });

  await page.setViewportSize({ width: 390, height: 844 });
  const widths = await page.evaluate(() => [document.documentElement.scrollWidth,
                                            window.innerWidth]);
  check('on a phone the page itself does not scroll sideways', widths[0] <= widths[1],
        `${widths[0]} > ${widths[1]}`);
  // the sticky model column keeps its row lines: each cell draws its own
  // bottom border (with collapsed borders the table draws them, and the
  // sticky cell's background covers them)
  const lines = await page.evaluate(() => {
    const td = document.querySelector('tbody td.model');
    return [getComputedStyle(document.querySelector('table')).borderCollapse,
            getComputedStyle(td).borderBottomStyle,
            getComputedStyle(td).borderBottomWidth];
  });
  check('the sticky model column keeps its row lines',
        lines[0] === 'separate' && lines[1] === 'solid' && lines[2] === '1px',
        lines.join(' '));
  if (shots) await page.screenshot({ path: join(shots, 'phone.png') });

  // hostile names: shown as text, never run
  const hostile = await context.newPage();
  const dialogs = [];
  hostile.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await hostile.goto(pathToFileURL(resolve(hostilePath)).href);
  await hostile.locator('#board tbody tr').first().hover();
  await hostile.mouse.move(5, 5);
  const state = await hostile.evaluate(() => ({
    pwned: window.pwned,
    scripts: document.scripts.length,
    tables: document.querySelectorAll('table').length,
    h1: document.querySelectorAll('h1').length,
    models: [...document.querySelectorAll('#board tbody td.model')].map((td) => td.textContent),
    heads: [...document.querySelectorAll('#board thead th')].map((th) => th.textContent),
  }));
  check('hostile names run no script', state.pwned === undefined && dialogs.length === 0 &&
        state.scripts === 1, JSON.stringify(state.pwned));
  check('hostile names break no markup', state.tables === 1 && state.h1 === 1);
  check('hostile names show as written',
        state.models.includes('<script>window.pwned=1</script>') &&
        state.models.includes('<img src=x onerror="window.pwned=2">') &&
        state.models.includes('</td></tr></table><h1>broken') &&
        state.heads.includes('<b>ARC</b>'), state.models.join(' | '));
  check('a bidi override is shown, not obeyed',
        state.models.includes('\\u202Eevil-bidi'), state.models.join(' | '));
  await hostile.getByRole('button', { name: 'Model', exact: true }).click();
  check('the hostile page sorts too', (await hostile.evaluate(() =>
    document.querySelector('#board tbody td.model').textContent)) === '" onmouseover="window.pwned=3');

  // a diff: another view in the same page
  const diff = await context.newPage();
  const diffErrors = [];
  diff.on('pageerror', (e) => diffErrors.push(String(e)));
  await diff.goto(pathToFileURL(resolve(diffPath)).href);
  const col = (p, name) => p.evaluate((name) => {
    const heads = [...document.querySelectorAll('#board thead th')];
    const i = heads.findIndex((th) => th.textContent.trim() === name);
    return [...document.querySelectorAll('#board tbody tr')]
      .filter((tr) => !tr.hidden).map((tr) => tr.cells[i].textContent);
  }, name);
  const press = (p, name) => p.getByRole('button', { name, exact: true }).click();
  check('the diff page loads without a script error', diffErrors.length === 0,
        diffErrors.join(' | '));
  const moves = await col(diff, 'Move');
  check('the diff page lists the changes', moves.includes('new') &&
        moves.includes('removed') && moves.some((m) => m.startsWith('\u2191')),
        moves.join(', '));
  await press(diff, 'Change');
  const changes = await col(diff, 'Change');
  check('the diff sorts by change, highest first, "+0.66" a number',
        changes[0] === '+0.66' && changes.slice(1).every((c) => c === ''),
        changes.join(' '));
  await press(diff, 'Was');
  const was = (await col(diff, 'Was')).filter((w) => /^[0-9]/.test(w)).map(Number);
  check('the diff sorts by old rank, lowest first',
        was.length > 3 && was.every((w, i) => i === 0 || was[i - 1] <= w), was.join(' '));
  await diff.getByRole('searchbox', { name: 'Filter models' }).fill('mistral');
  check('the diff page filters', (await col(diff, 'Model')).every((m) =>
    m.toLowerCase().includes('mistral')));
  if (shots) await diff.screenshot({ path: join(shots, 'diff.png'), fullPage: true });

  // the comparison of methods: a summary row that sorting leaves last
  const cmp = await context.newPage();
  const cmpErrors = [];
  cmp.on('pageerror', (e) => cmpErrors.push(String(e)));
  await cmp.goto(pathToFileURL(resolve(comparePath)).href);
  check('the comparison page loads without a script error', cmpErrors.length === 0,
        cmpErrors.join(' | '));
  await press(cmp, 'geomean');
  const geo = (await col(cmp, 'geomean')).filter((r) => r !== '-').map(Number);
  check('the comparison sorts by a method\'s rank, lowest first',
        geo[0] === 1 && geo.every((r, i) => i === 0 || geo[i - 1] <= r), geo.join(' '));
  const foot = await cmp.evaluate(() => [...document.querySelectorAll('#board tfoot td')]
    .map((td) => td.textContent));
  check('the comparison keeps Kendall\'s tau-b below the table',
        foot[0] === "Kendall's tau-b" && foot[1] === '1.000', foot.join(' '));
  if (shots) await cmp.screenshot({ path: join(shots, 'compare.png'), fullPage: true });

  // a model with several rows: the count says rows
  const dups = await context.newPage();
  await dups.goto(pathToFileURL(resolve(dupsPath)).href);
  const all = (await col(dups, 'Model')).length;
  check('a board where a model has several rows counts rows',
        (await dups.locator('#count').textContent()) === `${all} of ${all} rows shown`,
        await dups.locator('#count').textContent());
  await dups.getByRole('searchbox', { name: 'Filter models' }).fill('org/a');
  check('and counts the rows it keeps',
        (await dups.locator('#count').textContent()) === `2 of ${all} rows shown`,
        await dups.locator('#count').textContent());
  // ratings from votes
  const bt = await context.newPage();
  const btErrors = [];
  const btRequests = [];
  bt.on('pageerror', (e) => btErrors.push(String(e)));
  bt.on('request', (r) => btRequests.push(r.url()));
  const btUrl = pathToFileURL(resolve(battlesPath)).href;
  await bt.goto(btUrl);
  check('the battles page loads without a script error, nothing but itself',
        btErrors.length === 0 &&
        btRequests.every((u) => u === btUrl || u.startsWith('data:')),
        btErrors.join(' | ') + btRequests.join(' '));
  const models = await col(bt, 'Model');
  await press(bt, 'Model');
  await press(bt, 'Rating');
  const rating = (await col(bt, 'Rating')).map((v) => (v === '-' ? null : parseFloat(v)));
  const rated = rating.filter((v) => v !== null);
  check('the battles page sorts by rating, highest first, the unrated last',
        rated.length >= 3 && rated.every((v, i) => i === 0 || rated[i - 1] >= v) &&
        rating[rating.length - 1] === null, rating.join(' '));
  await press(bt, 'Battles');
  const votes = (await col(bt, 'Battles')).map(Number);
  check('the battles page sorts by votes as numbers',
        votes.every((v, i) => i === 0 || votes[i - 1] >= v), votes.join(' '));
  await press(bt, 'Rank');
  check('Rank gives the ranking back', (await col(bt, 'Model')).join('\n') === models.join('\n'),
        (await col(bt, 'Model')).join(', '));
  const btCharts = await bt.evaluate(() => [...document.querySelectorAll('#charts img')]
    .map((img) => img.complete && img.naturalWidth > 0));
  check('the battles page has its three charts, decoded',
        btCharts.length === 3 && btCharts.every(Boolean), JSON.stringify(btCharts));
  if (shots) await bt.screenshot({ path: join(shots, 'battles.png'), fullPage: true });
} finally {
  await close();
}

console.log(failed() === 0 ? 'all browser checks passed' : `${failed()} browser check(s) failed`);
process.exit(failed() === 0 ? 0 : 1);
