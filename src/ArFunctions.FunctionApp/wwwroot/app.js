// The collector page: plain script, no framework, no build. It talks to the function app's API under /api as the
// person signed in with Entra ID (App Service authentication keeps the session in a cookie); it never holds a function
// key. In local development only, the app trusts a development principal, which the sign-in form below builds.
'use strict';

(() => {
  const PRINCIPAL_STORAGE = 'arfunctions.developmentPrincipal';
  const COLLECTOR_STORAGE = 'arfunctions.collector';
  const api = new URL('../', window.location.href); // the page lives at /api/app/, the API at /api/
  const $ = (id) => document.getElementById(id);
  const state = { me: null, worklist: null, selected: null, currency: 'USD' };

  async function call(path, options = {}) {
    const headers = { Accept: 'application/json', ...(options.headers || {}) };
    const principal = sessionStorage.getItem(PRINCIPAL_STORAGE);
    if (principal) {
      headers['X-MS-CLIENT-PRINCIPAL'] = principal;
    }
    const response = await fetch(new URL(path, api), { ...options, headers, credentials: 'same-origin' });
    const text = await response.text();
    const body = parseJson(text);
    if (!response.ok) {
      const error = new Error(describeProblem(response.status, body));
      error.status = response.status;
      error.problem = body;
      throw error;
    }
    return body;
  }

  // The document App Service authentication would inject, for the development principal source only.
  function developmentPrincipal(upn, role) {
    const objectId = `00000000-0000-0000-0000-${Array.from(upn).reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 281474976710656, 7).toString(16).padStart(12, '0')}`;
    const claims = [
      { typ: 'http://schemas.microsoft.com/identity/claims/objectidentifier', val: objectId },
      { typ: 'name', val: upn.split('@')[0] },
      { typ: 'preferred_username', val: upn },
      { typ: 'roles', val: role },
    ];
    const json = JSON.stringify({ auth_typ: 'aad', claims, name_typ: 'name', role_typ: 'roles' });
    return btoa(String.fromCharCode(...new TextEncoder().encode(json)));
  }

  function parseJson(text) {
    try {
      return text ? JSON.parse(text) : null;
    } catch {
      return null; // the host answers some errors (401, 502) with an empty or HTML body
    }
  }

  function describeProblem(status, problem) {
    if (!problem) {
      return `The API answered ${status}.`;
    }
    const errors = (problem.errors || []).map((e) => `${e.field}: ${e.reason}`);
    return [problem.title, problem.detail, ...errors].filter(Boolean).join(' - ');
  }

  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(props)) {
      if (value === undefined || value === null) {
        continue;
      }
      if (name === 'class') {
        node.className = value;
      } else if (name.startsWith('data-') || name.startsWith('aria-')) {
        node.setAttribute(name, value);
      } else {
        node[name] = value;
      }
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined && child !== false) {
        node.append(child instanceof Node ? child : String(child));
      }
    }
    return node;
  }

  function money(amount, currency) {
    try {
      return new Intl.NumberFormat(undefined, { style: 'currency', currency: currency || state.currency }).format(amount);
    } catch {
      return `${Number(amount).toFixed(2)} ${currency || state.currency}`;
    }
  }

  function kindLabel(value) {
    return String(value || '').replace(/-/g, ' ');
  }

  function showError(message) {
    const box = $('error');
    box.textContent = message || '';
    box.hidden = !message;
  }

  function say(message) {
    $('status').textContent = message;
  }

  // Who is signed in, and what the page may show them; null when nobody is (the caller then signs in).
  async function whoAmI() {
    try {
      return await call('me');
    } catch (e) {
      if (e.status !== 401) {
        throw e;
      }
      const problem = e.problem || {};
      if (problem.developmentSignIn) {
        sessionStorage.removeItem(PRINCIPAL_STORAGE);
        $('dev-sign-in').hidden = false;
        say('Sign in to see your worklist.');
        return null;
      }
      window.location.assign(problem.signIn || '/.auth/login/aad?post_login_redirect_uri=/api/app/');
      return null;
    }
  }

  function showMe(me) {
    state.me = me;
    state.currency = me.currency || 'USD';
    const roles = me.roles.length > 0 ? me.roles.map((r) => r.charAt(0).toUpperCase() + r.slice(1)).join(', ') : 'no role';
    $('who').textContent = `Signed in as ${me.name} (${roles})`;
    $('sign-out').hidden = false;
    $('dev-sign-in').hidden = true;
    $('preview').hidden = !me.roles.some((r) => r === 'lead' || r === 'admin');
    const select = $('collector');
    select.replaceChildren(...me.worklists.map((id) => el('option', { value: id, textContent: id })));
    select.disabled = me.worklists.length < 2;
    $('dispute-category').replaceChildren(...(me.disputeCategories || []).map((c) =>
      el('option', { value: c.id, textContent: c.description ? `${c.id} - ${c.description}` : c.id })));
  }

  async function loadList() {
    const collector = $('collector').value;
    if (!collector) {
      return;
    }
    sessionStorage.setItem(COLLECTOR_STORAGE, collector);
    const url = new URL(window.location.href);
    url.searchParams.set('collector', collector);
    window.history.replaceState(null, '', url.pathname + url.search);
    const list = $('worklist');
    list.setAttribute('aria-busy', 'true');
    state.worklist = await call(`worklists/${encodeURIComponent(collector)}`);
    renderList();
    list.setAttribute('aria-busy', 'false');
    await showRunProblems();
  }

  // Leads and admins see when the run behind the list left customers out for bad data (GET /api/runs/{asOf}/problems).
  async function showRunProblems() {
    const notice = $('run-notice');
    const asOf = state.worklist.asOf;
    if (!asOf || !state.me.roles.some((r) => r === 'lead' || r === 'admin')) {
      notice.hidden = true;
      return;
    }
    let run;
    try {
      run = await call(`runs/${encodeURIComponent(asOf)}/problems`);
    } catch (e) {
      notice.hidden = true; // the notice is a courtesy: without it the list still works
      return;
    }
    const problems = run.dataProblems || [];
    notice.hidden = problems.length === 0;
    if (problems.length > 0) {
      const customers = run.customersSkipped || new Set(problems.map((p) => p.customerId)).size;
      notice.replaceChildren(
        el('strong', {}, `The run of ${asOf} left ${customers} customer(s) out for data problems; they are not chased until the data is fixed.`),
        el('ul', {}, problems.slice(0, 10).map((p) => el('li', {}, describeDataProblem(p)))));
    }
  }

  function describeDataProblem(p) {
    const where = [p.invoiceId ? `invoice ${p.invoiceId}` : '', p.field || ''].filter(Boolean).join(' ');
    return `${p.customerId}${where ? ` (${where})` : ''}: ${p.reason}`;
  }

  function renderList() {
    const { items, asOf } = state.worklist;
    $('list-meta').textContent = `${items.length} as of ${asOf || 'no run yet'}`;
    $('empty').hidden = items.length > 0;
    $('worklist').replaceChildren(...items.map(renderItem));
    if (state.selected && !items.some((i) => i.customerId === state.selected.customerId)) {
      closeDetail();
    }
  }

  function renderItem(item) {
    const task = item.tasks[0];
    const contact = task && task.contact;
    const button = el('button', { type: 'button', class: 'item', 'aria-controls': 'detail' },
      el('span', { class: 'rank', 'aria-label': `rank ${item.rank}` }, `#${item.rank}`),
      el('span', { class: 'name' }, el('strong', {}, item.customerId), item.segment ? el('span', { class: 'tag' }, item.segment) : null),
      el('span', { class: 'amount' }, money(item.overdueBalance), el('small', {}, `overdue - score ${item.score.toFixed(2)}`)),
      el('ul', { class: 'reasons' }, item.reasons.map((r) => el('li', {}, r))),
      el('span', { class: 'task' }, task ? describeTask(task, contact) : 'no open task'));
    button.addEventListener('click', () => select(item).catch((e) => showError(e.message)));
    const selected = state.selected && state.selected.customerId === item.customerId;
    if (selected) {
      button.setAttribute('aria-current', 'true');
    }
    return el('li', { 'data-customer-id': item.customerId }, button);
  }

  function describeTask(task, contact) {
    const owner = isCollectorTask(task) ? '' : ` for ${task.assignee}`;
    const step = task.step ? ` (${task.step})` : '';
    const who = contact ? `: ${contact.name}, ${kindLabel(contact.role)}${contact.phone ? `, ${contact.phone}` : ''}` : '';
    return `${kindLabel(task.kind)}${owner}${step}${who}`;
  }

  function isCollectorTask(task) {
    return task.kind === 'call' || task.kind === 'letter';
  }

  async function select(item) {
    state.selected = item;
    showError('');
    for (const li of $('worklist').children) {
      const button = li.querySelector('button');
      if (li.dataset.customerId === item.customerId) {
        button.setAttribute('aria-current', 'true');
      } else {
        button.removeAttribute('aria-current');
      }
    }
    const detail = await call(`customers/${encodeURIComponent(item.customerId)}`);
    renderDetail(item, detail);
    const decisions = await call(`customers/${encodeURIComponent(item.customerId)}/decisions`);
    if (state.selected === item) {
      renderDecisions(decisions);
    }
  }

  /** The decision log as a timeline: per run date, what fired (and what became of it) and why the rest did not. */
  function renderDecisions(log) {
    const days = [...log.days].reverse();
    $('decisions').replaceChildren(...(days.length ? days.map((d) => el('li', {},
      el('time', { dateTime: d.on }, d.on),
      el('ul', {}, d.explanation.map((line) => el('li', {}, line)))))
      : [el('li', {}, 'Nothing to explain: no step was due and nothing was held back.')]));
  }

  function closeDetail() {
    state.selected = null;
    $('detail').hidden = true;
  }

  function renderDetail(item, detail) {
    const customer = detail.customer;
    $('detail-heading').textContent = `${customer.name} (${customer.id})`;
    $('detail-sub').textContent = [customer.country, customer.industry, `risk ${customer.riskClass}`, `${customer.creditTermsDays} days terms`,
      `pays by ${kindLabel(customer.paymentMethod)}`].join(' - ');
    renderTasks(item);
    renderSegment(detail.segment, detail.featuresAsOf);
    const problems = detail.dataProblems || [];
    $('detail-problems').hidden = problems.length === 0;
    $('detail-problems').replaceChildren(...(problems.length ? [el('strong', {}, 'Left out of the daily run for a data problem:'),
      el('ul', {}, problems.map((p) => el('li', {}, describeDataProblem(p))))] : []));
    $('invoices').tBodies[0].replaceChildren(...detail.openInvoices.map((i) => el('tr', {},
      el('td', {}, i.id), el('td', {}, i.dueDate), el('td', { class: 'num' }, i.daysPastDue),
      el('td', { class: 'num' }, money(i.openAmount, i.currency)),
      el('td', {}, [kindLabel(i.status), i.creditApplied > 0 ? ` - credit ${money(i.creditApplied, i.currency)} applied` : '', i.promise ? ` - promised ${money(i.promise.amount, i.currency)} by ${i.promise.date}${recordedBy(i.promise.recordedBy)}` : '', i.dispute && !i.dispute.resolved ? ` - disputed (${i.dispute.category})${recordedBy(i.dispute.openedBy)}` : ''].join('')))));
    renderCredits(detail);
    $('contacts').replaceChildren(...customer.contacts.map((c) => el('li', {},
      el('strong', {}, c.name), ` ${kindLabel(c.role)}`, c.phone ? ` - ${c.phone}` : '', c.email ? ` - ${c.email}` : '',
      ` - prefers ${kindLabel(c.preferredChannel)}${c.preferredTime ? ` ${c.preferredTime}` : ''}`,
      ...emailState(c.emailState))));
    renderHistory(detail);
    $('detail').hidden = false;
  }

  /** Each credit with what the allocation put on which invoice, and the balance net of credits (as the engine saw it). */
  function renderCredits(detail) {
    const b = detail.balance;
    $('balance').textContent = b
      ? `Open invoices ${money(b.openInvoices, b.currency)} - credits ${money(b.credits, b.currency)} = net ${money(b.net, b.currency)}`
      : 'Net balance unknown: the customer is left out of the daily run for a data problem.';
    $('credits').replaceChildren(...(detail.credits.length ? detail.credits.map((c) => el('li', {},
      el('strong', {}, `${kindLabel(c.kind)} ${c.id}`), ` ${money(c.amount, c.currency)} of ${c.on}`,
      c.appliedTo.map((a) => ` - ${money(a.amount, c.currency)} on ${a.invoiceId}`).join(''),
      c.left > 0 ? ` - ${money(c.left, c.currency)} left as account credit` : ''))
      : [el('li', {}, 'No credits.')]));
  }

  function renderTasks(item) {
    const tasks = item.tasks;
    $('task').replaceChildren(...tasks.map((t) => el('option', { value: t.taskId },
      `${kindLabel(t.kind)} for ${t.assignee}${t.attempts ? `, ${t.attempts} attempt(s)` : ''} - ${t.amounts.map((a) => money(a.amount, a.currency)).join(' + ')}`)));
    $('record').disabled = tasks.length === 0;
    $('task').disabled = tasks.length === 0;
    const amounts = tasks.length > 0 ? tasks[0].amounts : [];
    $('promise-amount').value = amounts.length === 1 ? amounts[0].amount : '';
    $('promise-currency-row').hidden = amounts.length < 2;
    $('promise-date').value = addDays(state.worklist.asOf, 7);
    $('promise-date').min = state.worklist.asOf || '';
    $('note').value = '';
    $('dispute-note').value = '';
  }

  /** The segment; what it qualifies for is as of the last completed run's date (featuresAsOf), not the wall clock. */
  function renderSegment(segment, featuresAsOf) {
    const facts = [
      ['Segment', segment.segmentId || 'not yet segmented'],
      ['Since', segment.since],
      ['Rule', segment.matchedRule],
      ['Triggers', (segment.triggers || []).join(', ')],
      ['Strategy', segment.strategyId],
      [`Qualifies as of ${featuresAsOf}`, segment.qualifiesToday ? `${segment.qualifiesToday} (${segment.qualifyingRule})` : 'unknown (data problem)'],
    ].filter(([, value]) => value);
    $('segment').replaceChildren(...facts.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]));
  }

  /** Who recorded a line, as the audit names them; nothing for what the app did itself. */
  /** Why a contact's address takes no email: "unusable: bounced on 2026-11-02", "opted out on 2026-12-07". */
  function emailState(state) {
    if (!state) {
      return [];
    }
    const notes = [];
    if (state.unusable) {
      notes.push(`unusable: ${state.unusable} on ${state.unusableAt.slice(0, 10)}${state.unusableDetails ? ` (${state.unusableDetails})` : ''}`);
    }
    if (state.optedOutAt) {
      notes.push(`opted out on ${state.optedOutAt.slice(0, 10)}${recordedBy(state.optedOutSource)}`);
    }
    return [' - ', el('span', { class: 'contact-state' }, `no email: ${notes.join('; ')}`)];
  }

  function recordedBy(author) {
    return author ? ` (by ${author})` : '';
  }

  function renderHistory(detail) {
    const entries = [
      ...detail.interactions.map((i) => ({ date: i.date, text: `${i.source === 'portal' ? 'Customer page' : kindLabel(i.kind)}${i.outcome === 'none' ? '' : `: ${kindLabel(i.outcome)}`}${i.note ? ` - ${i.note}` : ''}${recordedBy(i.recordedBy)}` })),
      ...detail.actions.map((a) => ({ date: a.asOf, text: `${kindLabel(a.kind)}${a.template ? ` "${a.template}"` : ''} ${kindLabel(a.status)}${a.contactName ? ` to ${a.contactName}` : ''}` })),
    ].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
    $('history').replaceChildren(...(entries.length ? entries.map((e) => el('li', {}, el('time', { dateTime: e.date }, e.date), ` ${e.text}`))
      : [el('li', {}, 'No history yet.')]));
  }

  function addDays(isoDate, days) {
    const date = isoDate ? new Date(`${isoDate}T00:00:00Z`) : new Date();
    date.setUTCDate(date.getUTCDate() + days);
    return date.toISOString().slice(0, 10);
  }

  function showOutcomeFields() {
    const kind = $('outcome-kind').value;
    $('promise-fields').hidden = kind !== 'promise';
    $('dispute-fields').hidden = kind !== 'dispute';
  }

  function outcomeBody() {
    const outcome = $('outcome-kind').value;
    const body = { outcome, note: $('note').value.trim() || null };
    if (outcome === 'promise') {
      const amount = $('promise-amount').value;
      body.promise = { date: $('promise-date').value || null, amount: amount === '' ? null : Number(amount) };
      if (!$('promise-currency-row').hidden) {
        body.promise.currency = $('promise-currency').value.trim().toUpperCase() || null;
      }
    } else if (outcome === 'dispute') {
      body.dispute = { category: $('dispute-category').value || null, note: $('dispute-note').value.trim() || null };
    }
    return body;
  }

  async function recordOutcome(event) {
    event.preventDefault();
    const item = state.selected;
    const taskId = $('task').value;
    if (!item || !taskId) {
      return;
    }
    const button = $('record');
    button.disabled = true;
    showError('');
    try {
      const body = outcomeBody();
      await call(`tasks/${encodeURIComponent(taskId)}/outcome`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      say(`Recorded ${kindLabel(body.outcome)} for ${item.customerId}.`);
      await loadList();
      if (state.selected) {
        const again = state.worklist.items.find((i) => i.customerId === item.customerId);
        await select(again);
      }
    } catch (e) {
      showError(e.message);
    } finally {
      button.disabled = false;
    }
  }

  // Leads and admins may preview a draft policy (POST /api/policy/preview): per customer what changes, totals per
  // segment and calls per collector, under the policy in force and under the draft. Nothing is saved.
  async function previewPolicy(event) {
    event.preventDefault();
    const result = $('preview-result');
    const asOf = $('preview-as-of').value;
    const button = $('preview-run');
    button.disabled = true;
    result.replaceChildren(el('p', { class: 'meta' }, 'Evaluating the day twice...'));
    try {
      const report = await call(`policy/preview${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: $('preview-draft').value,
      });
      result.replaceChildren(...renderPreview(report));
    } catch (e) {
      result.replaceChildren(el('div', { class: 'error', role: 'alert' }, e.message));
    } finally {
      button.disabled = false;
    }
  }

  function renderPreview(report) {
    const heading = el('p', {}, `The run of ${report.asOf}: policy in force ${report.policyInForce}, draft ${report.draft}, ${report.customers} customers. Nothing was saved.`);
    const changes = report.changesNothing
      ? el('p', { id: 'preview-summary' }, 'The draft changes nothing on that day: every customer gets the same segment and the same actions.')
      : el('p', { id: 'preview-summary' }, `${report.customersChanged} customer(s) would change${report.truncated ? ` (the first ${report.differences.length} listed)` : ''}.`);
    const rows = report.differences.flatMap((d) => {
      const segment = d.segmentInForce === d.segmentDraft ? d.segmentInForce || '-' : `${d.segmentInForce || '-'} -> ${d.segmentDraft || '-'}`;
      const lines = [
        ...d.removed.map((a) => ['removed', describeAction(a), '']),
        ...d.added.map((a) => ['added', '', describeAction(a)]),
        ...d.changed.map((c) => [`changed (${c.fields.join(', ')})`, describeAction(c.inForce), describeAction(c.draft)]),
      ];
      return (lines.length ? lines : [['segment only', '', '']]).map((cells) => [d.customerId, segment, ...cells]);
    });
    const differences = report.changesNothing ? null : table('preview-differences', ['customer', 'segment', 'change', 'policy in force', 'draft'], rows);
    const pair = (a, b) => (a === b ? String(a) : `${a} -> ${b}`);
    const segments = table('preview-segments', ['segment', 'customers', 'emails', 'calls', 'letters', 'internal tasks'],
      report.segments.map((s) => [s.segment, pair(s.inForce.customers, s.draft.customers), pair(s.inForce.emails, s.draft.emails),
        pair(s.inForce.calls, s.draft.calls), pair(s.inForce.letters, s.draft.letters), pair(s.inForce.internalTasks, s.draft.internalTasks)]));
    const load = (calls, capacity, over) => el('span', { class: over ? 'over' : undefined }, capacity == null ? String(calls) : `${calls}/${capacity}`);
    const collectors = table('preview-collectors', ['collector', 'calls in force', 'calls under the draft'],
      report.collectors.map((c) => [c.collector, load(c.callsInForce, c.capacityInForce, c.overCapacityInForce), load(c.callsDraft, c.capacityDraft, c.overCapacityDraft)]));
    return [heading, changes, differences, el('h3', {}, 'Per segment (policy in force -> draft)'), segments,
      el('h3', {}, 'Calls per collector against capacity (an estimate: only that day\'s calls)'), collectors].filter(Boolean);
  }

  function describeAction(a) {
    return [a.kind, a.template, a.contactRole && `to ${a.contactRole}`, a.assignTo && `for ${a.assignTo}`].filter(Boolean).join(' ') + `, steps ${a.steps.join(' ')}`;
  }

  function table(id, headings, rows) {
    return el('table', { id },
      el('thead', {}, el('tr', {}, headings.map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((c) => el('td', {}, c))))));
  }

  async function start() {
    $('preview-form').addEventListener('submit', previewPolicy);
    $('preview-file').addEventListener('change', async () => {
      const file = $('preview-file').files[0];
      if (file) {
        $('preview-draft').value = await file.text();
      }
    });
    $('outcome-kind').addEventListener('change', showOutcomeFields);
    $('outcome').addEventListener('submit', recordOutcome);
    $('collector').addEventListener('change', () => {
      closeDetail();
      loadList().catch((e) => showError(e.message));
    });
    $('controls').addEventListener('submit', (event) => event.preventDefault());
    $('dev-sign-in').addEventListener('submit', (event) => {
      event.preventDefault();
      const upn = $('dev-upn').value.trim();
      if (!upn.includes('@')) {
        showError('Enter a UPN such as carol@ar.example.com.');
        return;
      }
      sessionStorage.setItem(PRINCIPAL_STORAGE, developmentPrincipal(upn, $('dev-role').value));
      boot().catch((e) => showError(e.message));
    });
    $('sign-out').addEventListener('click', (event) => {
      if (sessionStorage.getItem(PRINCIPAL_STORAGE)) {
        event.preventDefault(); // a development sign-in lives in this tab only
        sessionStorage.removeItem(PRINCIPAL_STORAGE);
        window.location.reload();
      }
    });
    showOutcomeFields();
    await boot();
  }

  async function boot() {
    showError('');
    const me = await whoAmI();
    if (!me) {
      return;
    }
    showMe(me);
    if (me.worklists.length === 0) {
      $('worklist').replaceChildren();
      $('worklist').setAttribute('aria-busy', 'false');
      say(me.roles.includes('collector')
        ? 'Your account is not a collector of the policy: ask an admin to list your UPN as a collector\'s identity.'
        : 'Your roles open no worklist (a collector or lead role is needed).');
      return;
    }
    const wanted = new URL(window.location.href).searchParams.get('collector') || sessionStorage.getItem(COLLECTOR_STORAGE) || me.collector;
    $('collector').value = me.worklists.includes(wanted) ? wanted : me.collector || me.worklists[0];
    await loadList();
    say('');
  }

  document.addEventListener('DOMContentLoaded', () => start().catch((e) => showError(e.message)));
})();
