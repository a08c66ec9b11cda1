// The customer page's actions (portal.js shows the account and calls in here): per open invoice, buttons to dispute,
// promise to pay, pay (the invoice's own https payment link, nothing else) and ask for a copy, each opening its form
// in the action panel; for the account, a change of contact and an opt-out of email reminders. Every request goes to
// TOKEN/dispute, TOKEN/promise, TOKEN/request or TOKEN/opt-out below this page's own address, and the answer's
// message says what happened: a promise accepted at once, or recorded as a request for the collector.
'use strict';

(function () {
  const $ = (id) => document.getElementById(id);
  let account = null;
  let base = '';

  const badgeOf = { disputed: ['disputed', 'Disputed'], 'promise-accepted': ['under-promise', 'Payment promised'] };

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(props || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'class') node.className = value;
      else if (name.startsWith('data-') || name.startsWith('aria-') || name === 'for') node.setAttribute(name, value);
      else node[name] = value;
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined && child !== false) node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  /** Only an absolute https address (without user info) is ever a link on this page. */
  function httpsOnly(link) {
    if (!link) return null;
    try {
      const url = new URL(link);
      return url.protocol === 'https:' && !url.username && !url.password ? url.href : null;
    } catch {
      return null;
    }
  }

  function today() {
    const now = new Date();
    return new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
  }

  async function post(action, body) {
    const response = await fetch(base + '/' + action, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify(body || {}),
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
    const json = await response.json().catch(() => null);
    return { ok: response.ok, status: response.status, body: json };
  }

  /** A labelled control with a slot for its error; the field name matches the API's field errors. */
  function field(id, label, control) {
    control.id = id;
    const error = el('span', { id: id + '-error', class: 'field-error' });
    control.setAttribute('aria-describedby', error.id);
    return el('div', { class: 'field', 'data-field': control.name }, el('label', { for: id }, label), control, error);
  }

  /** What the server said: a done action's message, else the problem with each field's error next to its field. */
  function report(form, result, invoiceId) {
    const outcome = form.querySelector('.outcome');
    form.querySelectorAll('.field-error').forEach((e) => { e.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
    if (result.ok && result.body) {
      outcome.className = 'outcome ' + result.body.outcome;
      outcome.dataset.outcome = result.body.outcome;
      outcome.textContent = result.body.message;
      markRow(invoiceId, result.body.outcome);
      return true;
    }
    const problem = result.body || {};
    const unplaced = [];
    for (const error of problem.errors || []) {
      const slot = form.querySelector('[data-field="' + error.field + '"] .field-error');
      if (slot) {
        slot.textContent = error.reason;
        slot.parentElement.querySelector('input, select, textarea').setAttribute('aria-invalid', 'true');
      } else {
        unplaced.push(error.reason);
      }
    }
    outcome.className = 'outcome failed';
    delete outcome.dataset.outcome;
    outcome.textContent = result.status === 429
      ? 'Too many requests with this link. Please wait a minute and try again.'
      : [problem.detail || 'That did not work (' + result.status + '). Please try again later.', ...unplaced].join(' ');
    const invalid = form.querySelector('[aria-invalid]');
    if (invalid) invalid.focus();
    return false;
  }

  /** The invoice's row shows what changed (disputed, payment promised) without reloading the page. */
  function markRow(invoiceId, outcome) {
    const badge = invoiceId && document.querySelector('#invoices tr[data-invoice="' + CSS.escape(invoiceId) + '"] .badge');
    if (badge && badgeOf[outcome]) {
      badge.className = 'badge ' + badgeOf[outcome][0];
      badge.textContent = badgeOf[outcome][1];
    }
  }

  function actionForm(action, name, controls, submit, body, invoiceId) {
    const form = el('form', { class: 'portal-action', 'data-action': action, 'aria-label': name, noValidate: true },
      ...controls,
      el('div', { class: 'form-buttons' }, el('button', { type: 'submit', class: 'button' }, submit)),
      el('p', { class: 'outcome', role: 'status', 'aria-live': 'polite' }));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const button = form.querySelector('button[type=submit]');
      button.disabled = true;
      try {
        if (report(form, await post(action, body()), invoiceId)) {
          form.querySelectorAll('input, select, textarea, button[type=submit]').forEach((c) => { c.disabled = true; });
          return;
        }
      } catch {
        report(form, { ok: false, status: 0, body: { detail: 'The page could not reach us. Please check your connection and try again.' } });
      }
      button.disabled = false;
    });
    return form;
  }

  const forms = {
    dispute(invoice) {
      const category = el('select', { name: 'category', required: true },
        el('option', { value: '' }, 'Choose a reason'),
        ...(account.disputeCategories || []).map((c) => el('option', { value: c.id }, c.description || c.id)));
      const comment = el('textarea', { name: 'comment', rows: 3, maxLength: 2000, required: true });
      return actionForm('dispute', 'Dispute invoice ' + invoice.id,
        [field('dispute-category', 'Reason', category), field('dispute-comment', 'What is wrong?', comment)],
        'Dispute invoice ' + invoice.id,
        () => ({ invoice: invoice.id, category: category.value || null, comment: comment.value.trim() || null }), invoice.id);
    },
    promise(invoice) {
      const date = el('input', { name: 'date', type: 'date', min: today(), required: true });
      const amount = el('input', { name: 'amount', type: 'number', inputMode: 'decimal', min: '0.01', step: '0.01', required: true, value: String(invoice.openAmount) });
      const limits = account.promiseLimits;
      const hint = limits
        ? el('p', { class: 'muted' }, 'A promise up to ' + limits.maxDaysAhead + ' days ahead of at least ' + Math.round(limits.minShare * 100)
          + '% of the open amount is accepted at once; any other goes to your contact person for approval.')
        : null;
      return actionForm('promise', 'Promise to pay invoice ' + invoice.id,
        [hint, field('promise-date', 'We will pay on', date), field('promise-amount', 'Amount (' + invoice.currency + ')', amount)],
        'Promise to pay',
        () => ({ invoice: invoice.id, date: date.value || null, amount: amount.value === '' ? null : Number(amount.value) }), invoice.id);
    },
    copy(invoice) {
      const comment = el('textarea', { name: 'comment', rows: 2, maxLength: 2000 });
      return actionForm('request', 'Ask for a copy of invoice ' + invoice.id,
        [field('copy-comment', 'Anything we should know? (optional)', comment)],
        'Send me a copy',
        () => ({ kind: 'invoice-copy', invoice: invoice.id, comment: comment.value.trim() || null }), invoice.id);
    },
  };

  const titles = { dispute: 'Dispute invoice ', promise: 'Promise to pay invoice ', copy: 'Ask for a copy of invoice ' };

  /** Opens one action's form for one invoice in the action panel and moves the focus to it. */
  function showActionPanel(invoice, action) {
    const panel = $('action-panel');
    const heading = el('h2', { id: 'action-heading', tabIndex: -1 }, titles[action] + invoice.id);
    const close = el('button', { type: 'button', class: 'button secondary' }, 'Close');
    close.addEventListener('click', () => { panel.hidden = true; panel.replaceChildren(); });
    panel.dataset.invoice = invoice.id;
    panel.setAttribute('aria-labelledby', heading.id);
    panel.replaceChildren(heading, forms[action](invoice), close);
    panel.hidden = false;
    heading.focus();
  }

  /** The row's actions: what the invoice's state allows, and Pay only with an https payment link. */
  function renderInvoiceActions(invoice, td) {
    td.dataset.invoice = invoice.id;
    const actions = invoice.status === 'disputed' ? ['copy'] : ['dispute', 'promise', 'copy'];
    const labels = { dispute: 'Dispute', promise: 'Promise to pay', copy: 'Ask for a copy' };
    const group = el('div', { class: 'row-actions', role: 'group', 'aria-label': 'Invoice ' + invoice.id });
    const pay = httpsOnly(invoice.paymentLink);
    if (pay) {
      group.append(el('a', { class: 'button pay', href: pay, rel: 'noopener noreferrer', target: '_blank', 'aria-label': 'Pay invoice ' + invoice.id }, 'Pay'));
    }
    for (const action of actions) {
      const button = el('button', { type: 'button', class: 'button secondary', 'data-action': action, 'aria-label': labels[action] + ' (invoice ' + invoice.id + ')' }, labels[action]);
      button.addEventListener('click', () => showActionPanel(invoice, action));
      group.append(button);
    }
    td.append(group);
  }

  /** The account's own actions, below the invoices: a change of contact, and stopping email reminders. */
  function renderAccountActions() {
    const section = $('account-actions');
    if (!section) return;
    const comment = el('textarea', { name: 'comment', rows: 3, maxLength: 2000, required: true });
    section.replaceChildren(
      el('h2', { id: 'account-actions-heading' }, 'Your contact details'),
      actionForm('request', 'Ask for a change of contact',
        [field('contact-change-comment', 'Who should we write to from now on, or what changed?', comment)],
        'Ask for the change', () => ({ kind: 'contact-change', comment: comment.value.trim() || null })),
      actionForm('opt-out', 'Stop email reminders',
        [el('p', {}, 'Stop sending payment reminders to ' + (account.contact || 'my address') + '. We may still call or write.')],
        'Stop email reminders', () => ({})));
    section.hidden = false;
  }

  /** Called by portal.js once the account is shown; <paramref>tokenBase</paramref> is the link's encoded token. */
  function init(shown, tokenBase) {
    account = shown;
    base = tokenBase;
    renderAccountActions();
  }

  window.portalActions = { init, renderInvoiceActions, showActionPanel };
})();
