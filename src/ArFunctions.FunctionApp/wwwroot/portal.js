// The customer page. The link's token is the last part of this page's address; every call goes below it
// (TOKEN/account, TOKEN/statement), so the page works from the address alone and sends it nowhere else.
'use strict';

(function () {
  const token = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() || '');
  const base = encodeURIComponent(token);
  const $ = (id) => document.getElementById(id);
  let locale = 'en-US';

  const statusText = {
    due: 'Due',
    overdue: 'Overdue',
    disputed: 'Disputed',
    'under-promise': 'Payment promised',
  };

  function money(amount, currency) {
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
    } catch {
      return currency + ' ' + amount;
    }
  }

  function date(iso) {
    const [y, m, d] = iso.split('-').map(Number);
    return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
  }

  function cell(row, label, text, className) {
    const td = row.insertCell();
    td.dataset.label = label;
    if (className) td.className = className;
    if (text !== undefined) td.textContent = text;
    return td;
  }

  // The row's actions (dispute, promise to pay, pay, ask for a copy): portal-actions.js, loaded first, fills the last
  // cell with their buttons, each opening its form in the action panel.
  function renderInvoiceActions(invoice, td) {
    td.dataset.invoice = invoice.id;
    if (window.portalActions) window.portalActions.renderInvoiceActions(invoice, td);
  }
  window.portal = { renderInvoiceActions, token: () => token };

  function show(account) {
    if (window.portalActions) window.portalActions.init(account, base);
    locale = account.locale || locale;
    document.documentElement.lang = locale;
    $('title').textContent = account.customerName;
    $('subtitle').textContent = 'Your account as of ' + date(account.asOf);
    $('contact').textContent = account.contact;
    $('expires').textContent = new Date(account.linkExpires).toLocaleDateString(locale, { year: 'numeric', month: 'short', day: 'numeric' });

    const totals = $('totals');
    for (const total of account.totals) {
      const li = document.createElement('li');
      li.append('Balance due (' + total.currency + ')');
      const strong = document.createElement('strong');
      strong.textContent = money(total.balanceDue, total.currency);
      li.append(strong);
      totals.append(li);
    }

    const body = $('invoices').tBodies[0];
    for (const invoice of account.invoices) {
      const row = body.insertRow();
      row.dataset.invoice = invoice.id;
      cell(row, 'Invoice', invoice.id);
      cell(row, 'Issued', date(invoice.issueDate));
      cell(row, 'Due', date(invoice.dueDate));
      cell(row, 'Amount', money(invoice.amount, invoice.currency), 'num');
      cell(row, 'Open', money(invoice.openAmount, invoice.currency), 'num');
      const status = cell(row, 'Status');
      const badge = document.createElement('span');
      badge.className = 'badge ' + invoice.status;
      badge.textContent = statusText[invoice.status] || invoice.status;
      if (invoice.status === 'under-promise' && invoice.promisedDate) {
        badge.title = 'Promised ' + money(invoice.promisedAmount, invoice.currency) + ' by ' + date(invoice.promisedDate);
      }
      status.append(badge);
      renderInvoiceActions(invoice, cell(row, ''));
    }

    $('empty').hidden = account.invoices.length > 0;
    $('invoices').hidden = account.invoices.length === 0;
    $('statement-pdf').href = base + '/statement?format=pdf';
    $('statement-csv').href = base + '/statement?format=csv';
    $('status').textContent = '';
    $('account').hidden = false;
  }

  function fail(message) {
    const status = $('status');
    status.textContent = message;
    status.classList.add('error');
    $('account').hidden = true;
  }

  fetch(base + '/account', { headers: { Accept: 'application/json' }, credentials: 'omit', referrerPolicy: 'no-referrer' })
    .then(async (response) => {
      if (response.ok) {
        show(await response.json());
        return;
      }

      const problem = await response.json().catch(() => null);
      fail(problem && problem.detail ? problem.detail : 'Your account cannot be shown right now. Please try again later.');
    })
    .catch(() => fail('Your account cannot be shown right now. Please check your connection and try again.'));
})();
