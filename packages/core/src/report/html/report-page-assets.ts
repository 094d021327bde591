// The page's own CSS and script, inlined into every report: the file must open offline, from a CI
// artifact, with no network.

export const reportStyle = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #656d76; --bg: #fff; --panel: #f6f8fa;
  --line: #d0d7de; --leak: #cf222e; --expected: #8250df; --clean: #1a7f37; --inconclusive: #9a6700; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #8d96a0; --bg: #0d1117;
  --panel: #161b22; --line: #30363d; --leak: #ff7b72; --expected: #d2a8ff; --clean: #3fb950; --inconclusive: #d29922; } }
body { font: 14px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); margin: 2rem auto; max-width: 1100px; padding: 0 1rem; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; } h2 { font-size: 1.1rem; margin: 0 0 .25rem; } h3 { font-size: .95rem; font-weight: 600; margin: 1rem 0 .25rem; }
code, pre { font: 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; }
.muted, .where { color: var(--muted); }
.filters { display: flex; gap: .5rem; margin: 1rem 0; flex-wrap: wrap; }
.filters button { border: 1px solid var(--line); background: var(--panel); color: var(--fg); border-radius: 2rem; padding: .2rem .8rem; cursor: pointer; }
.filters button[aria-pressed="true"] { border-color: var(--fg); font-weight: 600; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td code, .badge { white-space: nowrap; }
tr[hidden], section[hidden] { display: none; }
.badge { display: inline-block; border-radius: .3rem; padding: 0 .4rem; font-size: .8rem; font-weight: 600; color: var(--bg); }
.badge.leaking { background: var(--leak); } .badge.expected-leak { background: var(--expected); }
.badge.clean { background: var(--clean); } .badge.inconclusive { background: var(--inconclusive); }
.failed { color: var(--leak); font-size: .8rem; }
.check { border: 1px solid var(--line); border-radius: .5rem; padding: 1rem; margin: 1.5rem 0; }
.check.leaking { border-left: 4px solid var(--leak); } .check.expected-leak { border-left: 4px solid var(--expected); }
.check.inconclusive { border-left: 4px solid var(--inconclusive); }
.chart { margin: .5rem 0; } .chart svg { max-width: 100%; height: auto; background: var(--panel); border-radius: .3rem; }
.chart text { font-size: 11px; fill: var(--muted); } .chart .axis { stroke: var(--line); }
.chart polyline { fill: none; stroke-width: 2; } polyline.heap { stroke: var(--leak); } polyline.external { stroke: #0969da; }
circle.heap { fill: var(--leak); } circle.external { fill: #0969da; }
.chart figcaption { color: var(--muted); font-size: .85rem; }
.key { display: inline-block; width: .8rem; height: .2rem; vertical-align: middle; margin: 0 .3rem 0 .6rem; }
.key.heap { background: var(--leak); } .key.external { background: #0969da; }
pre.source { background: var(--panel); border-radius: .3rem; padding: .5rem 0; overflow-x: auto; margin: .25rem 0; }
pre.source > span { display: block; padding: 0 .75rem; white-space: pre; }
pre.source .here { background: color-mix(in srgb, var(--leak) 18%, transparent); }
.ln { display: inline-block; width: 3.5em; color: var(--muted); user-select: none; }
.traceback ol { margin: .25rem 0; padding-left: 1.5rem; } .traceback li:not(.user) { opacity: .55; }
ol.chain { list-style: none; display: flex; flex-wrap: wrap; align-items: center; gap: .3rem; padding: 0; margin: .25rem 0; }
ol.chain li.step { border: 1px solid var(--line); background: var(--panel); border-radius: .3rem; padding: .1rem .5rem; font: 12.5px ui-monospace, monospace; }
ol.chain li.arrow { color: var(--muted); }
ol.chain li.step:last-child { border-color: var(--leak); }
h3 .muted { font-weight: normal; }
.notes { color: var(--muted); }
`

// Filters the summary table and the checks' sections by outcome; the buttons carry their outcome
// in `data-filter`, rows and sections theirs in `data-outcome`.
export const reportScript = `
document.querySelectorAll('.filters button').forEach(function (button) {
  button.addEventListener('click', function () {
    var filter = button.getAttribute('data-filter');
    document.querySelectorAll('.filters button').forEach(function (other) {
      other.setAttribute('aria-pressed', String(other === button));
    });
    document.querySelectorAll('tbody tr, section.check').forEach(function (row) {
      row.hidden = filter !== 'all' && row.getAttribute('data-outcome') !== filter;
    });
  });
});
`
