// tracediff's page: every user-provided text is inserted with textContent or rendered by KaTeX (trust off), never as HTML.
'use strict';

const $ = (id) => document.getElementById(id);
// explicit: the --wrt choice the user made (or the link carried); null while the page picks (the first matrix, else vector)
const state = { languages: [], language: 'java', latex: '', source: '', explicit: null, seq: 0, debounce: null };

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

async function api(command, body) {
  const response = await fetch('/api/' + command, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) { const e = new Error(json.error); e.position = json.position; throw e; }
  return json;
}

function math(target, latex) {
  const div = el('div', undefined, 'formula');
  div.dataset.latex = latex;
  // maxExpand: each \operatorname is a few macro expansions, and a Hessian's derivation passes KaTeX's default 1000.
  // A formula KaTeX still cannot read is shown as its source in a <pre>, not in KaTeX's inline-styled error (the CSP refuses it).
  try {
    katex.render(latex, div, { displayMode: true, throwOnError: true, trust: false, strict: 'ignore', maxExpand: 100000 });
  } catch (e) {
    div.replaceChildren(el('pre', latex, 'latex-source'));
    div.title = String(e.message || e);
  }
  target.appendChild(div);
}

function mode() { return document.querySelector('input[name="mode"]:checked').value; }
function chosen() { return Array.from(document.querySelectorAll('#variable-list input:checked')).map((i) => i.value); }
function problem() { const let_ = $('let').value.trim(); return { expression: $('expr').value, let: let_ === '' ? [] : [let_] }; }

function status(text) { $('status').textContent = text; }

function clearError() {
  $('error').hidden = true;
  $('expr').removeAttribute('aria-invalid');
  $('let').removeAttribute('aria-invalid');
}

// The message, and the offending text with the span the server named marked.
function showError(e) {
  const box = $('error');
  const lines = String(e.message).split('\n');
  $('error-message').textContent = lines[0];
  const marked = $('error-marked');
  marked.replaceChildren();
  const p = e.position;
  const input = p && p.field === 'expression' ? $('expr') : p && p.field === 'let' ? $('let') : null;
  if (input && p.start >= 0) {
    const text = input.value;
    const start = Math.min(p.start, text.length), end = Math.max(start, Math.min(p.end, text.length));
    marked.append(document.createTextNode(text.slice(0, start)));
    marked.append(el('mark', end > start ? text.slice(start, end) : ' '));
    marked.append(document.createTextNode(text.slice(end)));
    input.setAttribute('aria-invalid', 'true');
  } else {
    marked.textContent = lines.slice(1).join('\n');
  }
  box.hidden = false;
}

function updateUrl() {
  const q = new URLSearchParams();
  q.set('expr', $('expr').value);
  if ($('let').value.trim() !== '') q.set('let', $('let').value);
  if (chosen().length > 0) q.set('wrt', chosen().join(','));
  q.set('mode', mode());
  if ($('steps').checked) q.set('steps', '1');
  if ($('cse').checked) q.set('cse', '1');
  const url = '?' + q.toString();
  history.replaceState(null, '', url);
  $('share').href = url;
}

// The variables of the expression, each a checkbox for --wrt; the user's choices are kept while they exist.
function showVariables(variables) {
  const list = $('variable-list');
  list.replaceChildren();
  const names = Object.keys(variables);
  let keep = (state.explicit || []).filter((n) => names.includes(n));
  if (keep.length === 0 && names.length > 0) {
    // the page's pick: the first matrix, else the first vector, else the first name
    const matrix = names.find((n) => variables[n].shape[1] !== '1');
    const vector = names.find((n) => variables[n].shape[0] !== '1');
    keep = [matrix || vector || names[0]];
  }
  for (const name of names) {
    const label = el('label');
    const box = el('input');
    box.type = 'checkbox'; box.value = name; box.id = 'wrt-' + name; box.checked = keep.includes(name);
    box.addEventListener('change', () => { state.explicit = chosen(); derive(); });
    label.append(box, document.createTextNode(' ' + name + ': ' + variables[name].type));
    list.append(label);
  }
}

async function derive() {
  const seq = ++state.seq;
  clearError();
  const p = problem();
  if (p.expression.trim() === '') { $('result').hidden = true; return; }
  status('working…');
  try {
    const printed = await api('print', p);
    if (seq !== state.seq) return;
    showVariables(printed.variables);
    const wrt = chosen();
    if (wrt.length === 0) throw new Error('choose a variable to differentiate with respect to');
    const body = Object.assign({}, p, { wrt: wrt, steps: $('steps').checked, cse: $('cse').checked });
    const command = { gradient: 'grad', jacobian: 'jacobian', hessian: 'hessian' }[mode()];
    const r = await api(command, body);
    if (seq !== state.seq) return;
    $('expression-math').replaceChildren();
    math($('expression-math'), 'f = ' + printed.latex.expression);
    $('result-math').replaceChildren();
    for (const line of r.latex.result) math($('result-math'), line);
    state.latex = r.latex.result.join('\n');
    $('steps-block').hidden = !r.latex.steps;
    $('steps-math').replaceChildren();
    if (r.latex.steps) math($('steps-math'), r.latex.steps);
    $('check-table').hidden = true;
    $('check-summary').textContent = '';
    $('result').hidden = false;
    updateUrl();
    status('');
    await code(state.language);
  } catch (e) {
    if (seq !== state.seq) return;
    status('');
    $('result').hidden = true;  // the result of an earlier expression would read as this one's
    showError(e);
  }
}

async function check() {
  const body = Object.assign({}, problem(), { wrt: chosen() });
  status('checking…');
  try {
    const r = await api('check', body);
    const tbody = document.querySelector('#check-table tbody');
    tbody.replaceChildren();
    for (const c of r.comparisons) {
      const tr = el('tr');
      tr.append(el('td', c.variable), el('td', c.left + ' vs ' + c.right), el('td', c.max_abs.toExponential(2)),
        el('td', c.max_rel.toExponential(2)), el('td', c.agree ? 'ok' : 'DISAGREE', c.agree ? 'ok' : 'bad'));
      tbody.append(tr);
    }
    $('check-table').hidden = false;
    $('check-summary').textContent = r.agree ? 'all agree (' + r.trials + ' random points)' : 'the three gradients DISAGREE';
    status('');
  } catch (e) {
    status('');
    showError(e);
  }
}

async function code(language) {
  state.language = language;
  for (const b of document.querySelectorAll('#code-tabs button')) b.setAttribute('aria-selected', String(b.dataset.language === language));
  const body = Object.assign({}, problem(), { wrt: chosen(), language: language });
  try {
    const r = await api('codegen', body);
    state.source = r.source;
    $('code-text').textContent = r.source;
  } catch (e) {
    state.source = '';
    $('code-text').textContent = 'no code: ' + e.message.split('\n')[0];
  }
}

async function copy(text, button) {
  try {
    await navigator.clipboard.writeText(text);
  } catch (e) {  // no clipboard permission: select a hidden copy instead
    const area = el('textarea'); area.value = text; document.body.append(area); area.select();
    document.execCommand('copy'); area.remove();
  }
  const label = button.textContent;
  button.textContent = 'Copied';
  setTimeout(() => { button.textContent = label; }, 1200);
}

async function start() {
  const languages = await fetch('/api/languages').then((r) => r.json());
  state.languages = languages.languages;
  for (const l of state.languages) {
    const b = el('button', l.label);
    b.type = 'button'; b.setAttribute('role', 'tab'); b.dataset.language = l.id; b.id = 'tab-' + l.id;
    b.addEventListener('click', () => code(l.id));
    $('code-tabs').append(b);
  }
  $('problem').addEventListener('submit', (ev) => { ev.preventDefault(); clearTimeout(state.debounce); derive(); });
  for (const id of ['expr', 'let']) {
    $(id).addEventListener('input', () => { clearTimeout(state.debounce); state.debounce = setTimeout(() => derive(), 400); });
  }
  for (const input of document.querySelectorAll('input[name="mode"], #steps, #cse')) input.addEventListener('change', () => derive());
  $('check').addEventListener('click', check);
  $('copy-latex').addEventListener('click', (ev) => copy(state.latex, ev.target));
  $('copy-code').addEventListener('click', (ev) => copy(state.source, ev.target));

  const q = new URLSearchParams(location.search);
  if (q.has('expr')) {
    $('expr').value = q.get('expr');
    $('let').value = q.get('let') || '';
    const m = q.get('mode');
    if (m && $('mode-' + m)) $('mode-' + m).checked = true;
    $('steps').checked = q.get('steps') === '1';
    $('cse').checked = q.get('cse') === '1';
    const wrt = (q.get('wrt') || '').split(',').filter((w) => w !== '');
    if (wrt.length > 0) state.explicit = wrt;
    derive();
  }
}

document.addEventListener('DOMContentLoaded', start);
