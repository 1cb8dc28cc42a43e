// Quarry Studio: every record comes from Quarry's own API (/api), under the token given in the page.
// The schema's shape comes from /studio/schema.json, the diagram from /studio/diagram.svg.
'use strict';

const PAGE_SIZE = 50;
const API = '/api';

const OPERATORS = {
  String: ['equals', 'not', 'contains', 'startsWith', 'endsWith', 'in', 'notIn', 'lt', 'lte', 'gt', 'gte'],
  Int: ['equals', 'not', 'lt', 'lte', 'gt', 'gte', 'in', 'notIn'],
  Float: ['equals', 'not', 'lt', 'lte', 'gt', 'gte', 'in', 'notIn'],
  Decimal: ['equals', 'not', 'lt', 'lte', 'gt', 'gte', 'in', 'notIn'],
  BigInt: ['equals', 'not', 'lt', 'lte', 'gt', 'gte', 'in', 'notIn'],
  DateTime: ['equals', 'not', 'lt', 'lte', 'gt', 'gte'],
  Boolean: ['equals', 'not'],
  Json: ['equals', 'not'],
  Bytes: ['equals', 'not'],
  enum: ['equals', 'not', 'in', 'notIn'],
  list: ['has', 'hasSome', 'hasEvery', 'isEmpty'],
};
const NULL_OPERATORS = ['is null', 'is not null'];

const state = {
  schema: null,
  model: null,
  conditions: [],
  relationFilter: null,
  orderBy: null,
  cursors: [],
  rows: [],
  editing: null,
};

const $ = (id) => document.getElementById(id);

function token() {
  return $('token').value.trim();
}

function headers(extra) {
  const h = Object.assign({ Accept: 'application/json' }, extra || {});
  if (token()) h.Authorization = 'Bearer ' + token();
  return h;
}

async function api(method, path, body, extraHeaders) {
  const init = { method, headers: headers(extraHeaders) };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, init);
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = { detail: text }; }
  return { status: response.status, ok: response.ok, json, headers: response.headers };
}

function say(message) {
  $('status').textContent = message;
}

function problemText(result) {
  const p = result.json || {};
  return `${result.status} ${p.code || ''} ${p.detail || p.title || ''}`.trim();
}

function modelByName(name) {
  return state.schema.models.find((m) => m.name === name);
}

function scalarFields(model) {
  return model.fields.filter((f) => f.kind !== 'relation');
}

// ---- model list

async function loadSchema() {
  const result = await api('GET', '/studio/schema.json');
  state.schema = result.json;
  const list = $('model-list');
  list.replaceChildren();
  for (const model of state.schema.models) {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.model = model.name;
    button.innerHTML = '<span class="name"></span><span class="count" aria-label="rows"></span>';
    button.querySelector('.name').textContent = model.name;
    button.addEventListener('click', () => openModel(model.name));
    li.append(button);
    list.append(li);
  }
  await loadCounts();
}

async function loadCounts() {
  const models = state.schema.models.slice();
  const worker = async () => {
    while (models.length) {
      const model = models.shift();
      const result = await api('GET', `${API}/${model.route}/_count`);
      const button = document.querySelector(`#model-list button[data-model="${model.name}"]`);
      const count = button.querySelector('.count');
      count.textContent = result.ok ? String(result.json) : '—';
      button.setAttribute('aria-label', `${model.name}, ${result.ok ? result.json + ' rows' : 'not readable: ' + problemText(result)}`);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

// ---- grid

function openModel(name, relationFilter) {
  state.model = modelByName(name);
  state.conditions = [];
  state.relationFilter = relationFilter || null;
  state.orderBy = null;
  state.cursors = [];
  document.querySelectorAll('#model-list button').forEach((b) => b.setAttribute('aria-current', String(b.dataset.model === name)));
  showView('data');
  $('grid-title').textContent = name;
  $('grid-tools').hidden = false;
  $('new-record').disabled = state.model.view;
  renderConditions();
  loadPage();
}

function where() {
  const parts = [];
  if (state.relationFilter) parts.push(state.relationFilter.where);
  for (const c of state.conditions) {
    const condition = conditionWhere(c);
    if (condition) parts.push(condition);
  }
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : { AND: parts };
}

function conditionWhere(c) {
  const field = state.model.fields.find((f) => f.name === c.field);
  if (!field) return null;
  if (c.op === 'is null') return { [field.name]: null };
  if (c.op === 'is not null') return { [field.name]: { not: null } };
  if (c.op === 'isEmpty') return { [field.name]: { isEmpty: c.value !== 'false' } };
  const many = ['in', 'notIn', 'hasSome', 'hasEvery'].includes(c.op);
  const value = many ? c.value.split(',').map((v) => convert(field, v.trim())) : convert(field, c.value);
  return { [field.name]: { [c.op]: value } };
}

/** A text from the page as the JSON value the API takes for the field's type. */
function convert(field, text) {
  switch (field.type) {
    case 'Int': return Number.parseInt(text, 10);
    case 'Float': return Number(text);
    case 'Boolean': return text === 'true';
    case 'DateTime': return toIso(text);
    case 'Json': try { return JSON.parse(text); } catch (e) { return text; }
    default: return text;
  }
}

function toIso(text) {
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(text)) {
    return new Date(text + 'Z').toISOString();
  }
  return text;
}

function orderBy() {
  const id = state.model.id.map((f) => ({ [f]: 'asc' }));
  if (!state.orderBy) return id.length ? id : undefined;
  return [{ [state.orderBy.field]: state.orderBy.dir }].concat(id.filter((o) => !(state.orderBy.field in o)));
}

function countSelect() {
  const select = {};
  for (const f of state.model.fields) {
    if (f.kind === 'relation' && f.list) select[f.name] = true;
  }
  return Object.keys(select).length ? { _count: { select } } : undefined;
}

function readArgs() {
  const args = {};
  const w = where();
  if (w) args.where = w;
  const o = orderBy();
  if (o) args.orderBy = o;
  const include = countSelect();
  if (include) args.include = include;
  args.take = PAGE_SIZE;
  const cursor = state.cursors[state.cursors.length - 1];
  if (cursor) {
    args.cursor = cursor;
    args.skip = 1;
  }
  return args;
}

function readUrl(args) {
  const params = new URLSearchParams();
  if (args.where) params.set('filter', JSON.stringify(args.where));
  if (args.orderBy) params.set('orderBy', JSON.stringify(args.orderBy));
  if (args.include) params.set('include', JSON.stringify(args.include));
  params.set('take', String(args.take));
  if (args.cursor) {
    params.set('cursor', JSON.stringify(args.cursor));
    params.set('skip', '1');
  }
  return `${API}/${state.model.route}?${params.toString()}`;
}

async function loadPage() {
  const args = readArgs();
  const url = readUrl(args);
  showRequest(args, url);
  const result = await api('GET', url + '&count=true');
  if (!result.ok) {
    say(`Could not read ${state.model.name}: ${problemText(result)}`);
    state.rows = [];
    $('total').textContent = '';
    renderGrid();
    return;
  }
  state.rows = result.json;
  const total = result.headers.get('X-Total-Count');
  $('total').textContent = total === null ? '' : `${total} matching rows, page ${state.cursors.length + 1}`;
  $('previous-page').disabled = state.cursors.length === 0;
  $('next-page').disabled = state.rows.length < PAGE_SIZE;
  renderGrid();
}

function showRequest(args, url) {
  $('request').hidden = false;
  const absolute = location.origin + url;
  $('request-url').textContent = 'GET ' + absolute;
  const auth = token() ? ` -H 'Authorization: Bearer ${token()}'` : '';
  $('request-curl').textContent = `curl${auth} '${absolute.replace(/'/g, "'\\''")}'`;
  $('request-ts').textContent = `await db.${state.model.delegate}.findMany(${JSON.stringify(args, null, 2)})`;
}

function renderGrid() {
  const model = state.model;
  const table = $('grid');
  table.replaceChildren();
  const head = table.createTHead().insertRow();
  for (const field of model.fields) {
    const th = document.createElement('th');
    th.scope = 'col';
    if (field.kind === 'relation' || field.list || field.type === 'Json' || field.type === 'Bytes') {
      th.textContent = field.name;
    } else {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort';
      button.dataset.field = field.name;
      const sorted = state.orderBy && state.orderBy.field === field.name ? state.orderBy.dir : null;
      th.setAttribute('aria-sort', sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none');
      button.textContent = field.name + (sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : '');
      button.setAttribute('aria-label', `Sort by ${field.name}`);
      button.addEventListener('click', () => sortBy(field.name));
      th.append(button);
    }
    head.append(th);
  }
  const actions = document.createElement('th');
  actions.scope = 'col';
  actions.textContent = 'Actions';
  head.append(actions);
  const body = table.createTBody();
  for (const record of state.rows) {
    const tr = body.insertRow();
    for (const field of model.fields) {
      const td = tr.insertCell();
      if (field.kind === 'relation') {
        td.append(relationCell(field, record));
      } else {
        const value = record[field.name];
        if (value === null || value === undefined) {
          td.textContent = 'null';
          td.className = 'null';
        } else {
          td.textContent = typeof value === 'object' ? JSON.stringify(value) : String(value);
          td.title = td.textContent;
        }
      }
    }
    const td = tr.insertCell();
    if (!model.view && model.id.length) {
      td.append(button('Edit', `Edit ${model.name} ${idText(record)}`, () => openRecord(record)));
      td.append(' ');
      td.append(button('Delete', `Delete ${model.name} ${idText(record)}`, () => deleteRecord(record)));
    }
  }
}

function button(text, label, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}

/** A relation opens the related grid filtered to the records related to this one, through the field on the other side. */
function relationCell(field, record) {
  const model = state.model;
  if (!model.id.length) return document.createTextNode('');
  const idWhere = idOf(record);
  const filter = { [field.back]: field.backList ? { some: idWhere } : { is: idWhere } };
  let text;
  if (field.list) {
    const count = record._count ? record._count[field.name] : undefined;
    text = `${count === undefined ? '' : count + ' '}${field.name}`;
  } else {
    text = `${field.type} ↗`;
  }
  const link = document.createElement('a');
  link.href = '#';
  link.className = 'relation';
  link.dataset.field = field.name;
  link.textContent = text;
  link.setAttribute('aria-label', `${field.name} of ${model.name} ${idText(record)}: open ${field.type} records`);
  link.addEventListener('click', (event) => {
    event.preventDefault();
    openModel(field.type, { label: `${field.back} of ${model.name} ${idText(record)}`, where: filter });
  });
  return link;
}

function idOf(record) {
  const id = {};
  for (const f of state.model.id) id[f] = record[f];
  return id;
}

function idText(record) {
  return state.model.id.map((f) => record[f]).join(',');
}

function sortBy(field) {
  const current = state.orderBy && state.orderBy.field === field ? state.orderBy.dir : null;
  state.orderBy = current === 'asc' ? { field, dir: 'desc' } : current === 'desc' ? null : { field, dir: 'asc' };
  state.cursors = [];
  loadPage().then(() => {
    const again = document.querySelector(`#grid button.sort[data-field="${field}"]`);
    if (again) again.focus();
  });
}

// ---- filter builder

function operatorsFor(field) {
  let ops = field.list ? OPERATORS.list : field.kind === 'enum' ? OPERATORS.enum : OPERATORS[field.type] || ['equals', 'not'];
  if (field.optional) ops = ops.concat(NULL_OPERATORS);
  return ops;
}

function renderConditions() {
  const box = $('relation-filter');
  box.replaceChildren();
  if (state.relationFilter) {
    const chip = document.createElement('span');
    chip.className = 'chip';
    chip.textContent = `Only ${state.relationFilter.label}`;
    chip.append(button('×', 'Remove the relation filter', () => {
      state.relationFilter = null;
      state.cursors = [];
      renderConditions();
      loadPage();
    }));
    box.append(chip);
  }
  const list = $('conditions');
  list.replaceChildren();
  const fields = scalarFields(state.model);
  state.conditions.forEach((condition, index) => {
    const li = document.createElement('li');
    const n = index + 1;
    const fieldSelect = labelled(li, `Field of condition ${n}`, 'select', `condition-${n}-field`);
    for (const f of fields) fieldSelect.add(new Option(f.name, f.name));
    fieldSelect.value = condition.field;
    const opSelect = labelled(li, `Operator of condition ${n}`, 'select', `condition-${n}-op`);
    const field = fields.find((f) => f.name === condition.field);
    for (const op of operatorsFor(field)) opSelect.add(new Option(op, op));
    if (!operatorsFor(field).includes(condition.op)) condition.op = operatorsFor(field)[0];
    opSelect.value = condition.op;
    let valueInput;
    if (field.kind === 'enum' && !['in', 'notIn'].includes(condition.op)) {
      valueInput = labelled(li, `Value of condition ${n}`, 'select', `condition-${n}-value`);
      for (const v of state.schema.enums[field.type] || []) valueInput.add(new Option(v, v));
      if (!condition.value) condition.value = valueInput.options[0] ? valueInput.options[0].value : '';
    } else if (field.type === 'Boolean' || condition.op === 'isEmpty') {
      valueInput = labelled(li, `Value of condition ${n}`, 'select', `condition-${n}-value`);
      valueInput.add(new Option('true', 'true'));
      valueInput.add(new Option('false', 'false'));
      if (!condition.value) condition.value = 'true';
    } else {
      valueInput = labelled(li, `Value of condition ${n}`, 'input', `condition-${n}-value`);
      valueInput.type = 'text';
      valueInput.placeholder = ['in', 'notIn', 'hasSome', 'hasEvery'].includes(condition.op) ? 'a, b, c' : field.type === 'DateTime' ? '2026-01-31T12:00:00Z' : field.type;
    }
    valueInput.value = condition.value || '';
    valueInput.disabled = NULL_OPERATORS.includes(condition.op);
    fieldSelect.addEventListener('change', () => { condition.field = fieldSelect.value; condition.value = ''; renderConditions(); });
    opSelect.addEventListener('change', () => { condition.op = opSelect.value; renderConditions(); });
    valueInput.addEventListener('input', () => { condition.value = valueInput.value; });
    valueInput.addEventListener('change', () => { condition.value = valueInput.value; });
    li.append(button('Remove', `Remove condition ${n}`, () => { state.conditions.splice(index, 1); renderConditions(); }));
    list.append(li);
  });
}

function labelled(parent, text, tag, id) {
  const control = document.createElement(tag);
  control.id = id;
  control.setAttribute('aria-label', text);
  parent.append(control);
  return control;
}

// ---- record form

const FORM_HINTS = {
  DateTime: 'UTC',
  Json: 'JSON',
  Bytes: 'base64',
  Decimal: 'exact decimal, as text',
  BigInt: 'integer, as text',
};

async function openRecord(record) {
  const model = state.model;
  state.editing = { record: null, etag: null };
  if (record) {
    const result = await readOne(record);
    if (!result.ok) {
      say(`Could not read the record: ${problemText(result)}`);
      return;
    }
    state.editing = { record: result.json, etag: result.headers.get('ETag') };
  }
  $('record-title').textContent = record ? `Edit ${model.name} ${idText(record)}` : `New ${model.name}`;
  $('record-error').textContent = '';
  $('conflict').hidden = true;
  const box = $('record-fields');
  box.replaceChildren();
  for (const field of scalarFields(model)) {
    if (field.updatedAt) continue;
    box.append(formField(field, state.editing.record, record !== undefined && model.id.includes(field.name)));
  }
  $('record-dialog').showModal();
  const first = box.querySelector('input:not([disabled]), select:not([disabled]), textarea:not([disabled])');
  if (first) first.focus();
}

async function readOne(record) {
  const model = state.model;
  if (model.id.length === 1) {
    return api('GET', `${API}/${model.route}/${encodeURIComponent(String(record[model.id[0]]))}`);
  }
  return api('POST', `${API}/rpc/${model.delegate}/findUnique`, { where: idOf(record) });
}

function formField(field, record, readOnly) {
  const div = document.createElement('div');
  div.className = 'field';
  div.dataset.field = field.name;
  const id = `field-${field.name}`;
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = field.name + (field.optional || field.hasDefault || field.list ? '' : ' *');
  let control;
  if (field.list) {
    control = document.createElement('textarea');
  } else if (field.kind === 'enum') {
    control = document.createElement('select');
    if (field.optional || !record) control.add(new Option(field.optional ? '(null)' : '(not set)', ''));
    for (const v of state.schema.enums[field.type] || []) control.add(new Option(v, v));
  } else if (field.type === 'Boolean') {
    control = document.createElement('select');
    if (field.optional || !record) control.add(new Option(field.optional ? '(null)' : '(not set)', ''));
    control.add(new Option('true', 'true'));
    control.add(new Option('false', 'false'));
  } else if (field.type === 'Json') {
    control = document.createElement('textarea');
  } else {
    control = document.createElement('input');
    control.type = field.type === 'Int' || field.type === 'Float' ? 'number' : field.type === 'DateTime' ? 'datetime-local' : 'text';
    if (field.type === 'Float') control.step = 'any';
    if (field.type === 'DateTime') control.step = '0.001';
    if (field.type === 'Decimal' || field.type === 'BigInt') control.inputMode = 'decimal';
  }
  control.id = id;
  control.name = field.name;
  control.disabled = readOnly;
  const value = record ? record[field.name] : undefined;
  control.value = valueText(field, value);
  control.dataset.initial = control.value;
  div.append(label, control);
  const hintText = field.list ? 'a JSON array' : FORM_HINTS[field.type];
  const describedBy = [];
  if (hintText || field.hasDefault) {
    const hint = document.createElement('span');
    hint.className = 'hint';
    hint.id = `${id}-hint`;
    hint.textContent = [hintText, field.hasDefault && !record ? 'empty: the default' : ''].filter(Boolean).join('; ');
    div.append(hint);
    describedBy.push(hint.id);
  }
  const error = document.createElement('span');
  error.className = 'field-error';
  error.id = `${id}-error`;
  div.append(error);
  describedBy.push(error.id);
  control.setAttribute('aria-describedby', describedBy.join(' '));
  return div;
}

function valueText(field, value) {
  if (value === null || value === undefined) return '';
  if (field.list || field.type === 'Json') return JSON.stringify(value, null, field.type === 'Json' ? 2 : 0);
  if (field.type === 'DateTime') return String(value).replace(/Z$/, '').slice(0, 23);
  return String(value);
}

/** The form's values as the API's data: unchanged fields left out when editing, empty ones left out when creating. */
function formData() {
  const data = {};
  const errors = {};
  for (const field of scalarFields(state.model)) {
    const control = document.getElementById(`field-${field.name}`);
    if (!control || control.disabled) continue;
    const text = control.value;
    if (state.editing.record && text === control.dataset.initial) continue;
    if (text === '') {
      if (state.editing.record) data[field.name] = field.optional ? null : field.type === 'String' ? '' : null;
      continue;
    }
    try {
      data[field.name] = formValue(field, text);
    } catch (e) {
      errors[field.name] = e.message;
    }
  }
  return { data, errors };
}

function formValue(field, text) {
  if (field.list || field.type === 'Json') {
    try { return JSON.parse(text); } catch (e) { throw new Error(field.list ? 'not a JSON array' : 'not JSON: ' + e.message); }
  }
  return convert(field, text);
}

function clearFieldErrors() {
  document.querySelectorAll('#record-fields .field-error').forEach((e) => { e.textContent = ''; });
  document.querySelectorAll('#record-fields [aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
  $('record-error').textContent = '';
}

function showFieldError(fieldName, message) {
  const error = document.getElementById(`field-${fieldName}-error`);
  if (!error) return false;
  error.textContent = message;
  document.getElementById(`field-${fieldName}`).setAttribute('aria-invalid', 'true');
  return true;
}

/** The field a problem document names: meta.target (unique violations), meta.path, or Model.field in the detail. */
function problemFields(problem) {
  const names = new Set(state.model.fields.map((f) => f.name));
  const meta = problem.meta || {};
  const found = [];
  const targets = Array.isArray(meta.target) ? meta.target : typeof meta.target === 'string' ? [meta.target] : [];
  targets.forEach((t) => names.has(t) && found.push(t));
  for (const key of ['path', 'field', 'argumentPath']) {
    if (typeof meta[key] === 'string') {
      const segment = meta[key].split('.').find((s) => names.has(s));
      if (segment) found.push(segment);
    }
  }
  const pattern = new RegExp(`\\b${state.model.name}\\.(\\w+)`, 'g');
  for (const match of String(problem.detail || '').matchAll(pattern)) {
    if (names.has(match[1])) found.push(match[1]);
  }
  return [...new Set(found)];
}

async function saveRecord(event) {
  event.preventDefault();
  clearFieldErrors();
  const model = state.model;
  const { data, errors } = formData();
  if (Object.keys(errors).length) {
    for (const [field, message] of Object.entries(errors)) showFieldError(field, message);
    $('record-error').textContent = 'Fix the fields marked below.';
    return;
  }
  let result;
  const editing = state.editing.record;
  if (!editing) {
    result = await api('POST', `${API}/${model.route}`, data);
  } else if (model.id.length === 1) {
    const extra = state.editing.etag ? { 'If-Match': state.editing.etag } : {};
    result = await api('PATCH', `${API}/${model.route}/${encodeURIComponent(String(editing[model.id[0]]))}`, data, extra);
  } else {
    result = await api('POST', `${API}/rpc/${model.delegate}/update`, { where: idOf(editing), data });
  }
  if (result.ok) {
    $('record-dialog').close();
    say(`${editing ? 'Saved' : 'Created'} ${model.name} ${idText(result.json)}`);
    await loadPage();
    loadCounts();
    return;
  }
  if (result.status === 412) {
    await showConflict();
    return;
  }
  const problem = result.json || {};
  const fields = problemFields(problem);
  const message = `${problem.code || result.status}: ${problem.detail || problem.title || ''}`;
  fields.forEach((f) => showFieldError(f, message));
  $('record-error').textContent = fields.length ? `Not saved: see ${fields.join(', ')}.` : `Not saved: ${message}`;
  const first = fields.length && document.getElementById(`field-${fields[0]}`);
  if (first) first.focus();
}

/** A stale edit: the record changed since it was read. Shows the current values; the next save overwrites them. */
async function showConflict() {
  const result = await readOne(state.editing.record);
  $('conflict').hidden = false;
  $('record-error').textContent = 'Conflict: the record changed since you opened it (412, If-Match).';
  if (!result.ok) return;
  state.editing.current = result.json;
  state.editing.etag = result.headers.get('ETag');
  for (const field of scalarFields(state.model)) {
    const div = document.querySelector(`#record-fields .field[data-field="${field.name}"]`);
    if (!div) continue;
    let current = div.querySelector('.current');
    if (!current) {
      current = document.createElement('span');
      current.className = 'current';
      div.append(current);
    }
    current.textContent = 'Current: ' + (valueText(field, result.json[field.name]) || 'null');
  }
  $('reload-record').focus();
}

function reloadCurrent() {
  const current = state.editing.current;
  if (!current) return;
  state.editing.record = current;
  for (const field of scalarFields(state.model)) {
    const control = document.getElementById(`field-${field.name}`);
    if (!control) continue;
    control.value = valueText(field, current[field.name]);
    control.dataset.initial = control.value;
  }
  document.querySelectorAll('#record-fields .current').forEach((c) => c.remove());
  $('conflict').hidden = true;
  clearFieldErrors();
}

async function deleteRecord(record) {
  const model = state.model;
  if (!window.confirm(`Delete ${model.name} ${idText(record)}? This cannot be undone.`)) return;
  const result = model.id.length === 1
    ? await api('DELETE', `${API}/${model.route}/${encodeURIComponent(String(record[model.id[0]]))}`)
    : await api('POST', `${API}/rpc/${model.delegate}/delete`, { where: idOf(record) });
  say(result.ok ? `Deleted ${model.name} ${idText(record)}` : `Not deleted: ${problemText(result)}`);
  if (result.ok) {
    await loadPage();
    loadCounts();
  }
}

// ---- diagram

async function loadDiagram() {
  const box = $('diagram');
  if (box.firstChild) return;
  const response = await fetch('/studio/diagram.svg');
  const svg = new DOMParser().parseFromString(await response.text(), 'image/svg+xml').documentElement;
  box.append(document.importNode(svg, true));
  box.querySelectorAll('g.model').forEach((g) => {
    const name = g.dataset.model;
    g.setAttribute('tabindex', '0');
    g.setAttribute('role', 'button');
    g.setAttribute('aria-label', `Open the records of ${name}`);
    g.addEventListener('click', () => openModel(name));
    g.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        openModel(name);
      }
    });
  });
}

function showView(view) {
  $('data-view').hidden = view !== 'data';
  $('diagram-view').hidden = view !== 'diagram';
  $('show-data').setAttribute('aria-pressed', String(view === 'data'));
  $('show-diagram').setAttribute('aria-pressed', String(view === 'diagram'));
  if (view === 'diagram') loadDiagram();
}

// ---- wiring

function start() {
  $('token').value = sessionStorage.getItem('quarry.studio.token') || '';
  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem('quarry.studio.token', token());
    loadCounts();
    if (state.model) loadPage();
  });
  $('show-data').addEventListener('click', () => showView('data'));
  $('show-diagram').addEventListener('click', () => showView('diagram'));
  $('add-condition').addEventListener('click', () => {
    const first = scalarFields(state.model)[0];
    state.conditions.push({ field: first.name, op: operatorsFor(first)[0], value: '' });
    renderConditions();
    const select = document.getElementById(`condition-${state.conditions.length}-field`);
    if (select) select.focus();
  });
  $('filter-form').addEventListener('submit', (event) => {
    event.preventDefault();
    state.cursors = [];
    loadPage();
  });
  $('clear-filter').addEventListener('click', () => {
    state.conditions = [];
    state.relationFilter = null;
    state.cursors = [];
    renderConditions();
    loadPage();
  });
  $('next-page').addEventListener('click', () => {
    const last = state.rows[state.rows.length - 1];
    if (!last) return;
    state.cursors.push(idOf(last));
    loadPage();
  });
  $('previous-page').addEventListener('click', () => {
    state.cursors.pop();
    loadPage();
  });
  $('new-record').addEventListener('click', () => openRecord(undefined));
  $('record-form').addEventListener('submit', saveRecord);
  $('cancel-record').addEventListener('click', () => $('record-dialog').close());
  $('reload-record').addEventListener('click', reloadCurrent);
  loadSchema().catch((e) => say('Could not load the schema: ' + e.message));
}

start();
