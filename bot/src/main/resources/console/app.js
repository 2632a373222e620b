// 网格通协调员控制台: plain JS, no libraries, everything from this server.
'use strict';

const state = { token: sessionStorage.getItem('gridbot.token'), me: null, dir: null, tickets: [], detail: null, sent: [] };
const $ = (id) => document.getElementById(id);
const esc = (s) => String(s == null ? '' : s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const LEVEL = ['网格', '社区', '街道'];
const COLUMNS = [
  { title: '待接单', statuses: ['NEW', 'ASSIGNED', 'REOPENED'] },
  { title: '处理中', statuses: ['ACCEPTED'] },
  { title: '已退回社区', statuses: ['RETURNED'] },
  { title: '已办结待回访', statuses: ['RESOLVED'] },
];
const PRIORITY_ORDER = { P0: 0, P1: 1, P2: 2, P3: 3 };

async function api(method, path, body) {
  const opts = { method, headers: { Authorization: 'Bearer ' + state.token } };
  if (body !== undefined) {
    opts.headers['Content-Type'] = 'application/json';
    opts.body = JSON.stringify(body);
  }
  const r = await fetch('/api/v1' + path, opts);
  const text = await r.text();
  const data = text ? JSON.parse(text) : null;
  if (r.status === 401) {
    logout('令牌无效或已失效，请重新登录。');
  }
  if (!r.ok) {
    const e = new Error((data && (data.reason ? data.field + '：' + data.reason : data.error)) || ('HTTP ' + r.status));
    e.status = r.status;
    throw e;
  }
  return data;
}

// --- log-in ----------------------------------------------------------------------------

async function login(token) {
  state.token = token;
  try {
    state.me = await api('GET', '/me');
  } catch (e) {
    $('login-error').textContent = '登录失败：' + e.message;
    state.token = null;
    return;
  }
  sessionStorage.setItem('gridbot.token', token);
  state.dir = await api('GET', '/directory');
  $('who').innerHTML = esc(state.me.placeName + ' · ' + state.me.roleName + ' ' + state.me.name) + ' <button id="logout">退出</button>';
  $('logout').onclick = () => logout('');
  $('tabs').hidden = false;
  fillFilters();
  show('board');
}

function logout(message) {
  sessionStorage.removeItem('gridbot.token');
  state.token = null;
  $('tabs').hidden = true;
  $('who').textContent = '';
  $('detail').hidden = true;
  document.querySelectorAll('.view').forEach((v) => { v.hidden = v.id !== 'login'; });
  $('login-error').textContent = message;
}

function fillFilters() {
  const opt = (sel, items) => items.forEach(([v, t]) => sel.insertAdjacentHTML('beforeend', `<option value="${esc(v)}">${esc(t)}</option>`));
  opt($('f-grid'), state.dir.grids.map((g) => [g.id, g.name]));
  opt($('f-community'), state.dir.communities.map((c) => [c.id, c.name]));
  opt($('f-category'), Object.entries(CATEGORY_NAMES));
  opt($('in-whistle'), state.dir.departments.map((d) => [d.id, d.name]));
  opt($('vs-grid'), inScope().grids.map((g) => [g.id, g.name]));
  fillPicker('street');
  opt($('sim-group'), state.dir.grids.map((g) => ['grid:' + g.id, g.name + '工作群'])
    .concat(state.dir.communities.map((c) => ['community:' + c.id, c.name + '工作群']))
    .concat(state.dir.streets.map((s) => ['street:' + s.id, s.name + '指挥中心'])));
}

const CATEGORY_NAMES = {
  building_facility: '楼宇设施', municipal_facility: '市政设施', sanitation: '环境卫生', utilities: '水电气暖',
  public_security: '治安', dispute: '矛盾纠纷', legal_aid: '法律咨询', health: '健康医疗', urban_order: '城市管理',
  market_regulation: '市场监管', safety_hazard: '安全隐患', vulnerable_care: '特殊群体关爱', service_inquiry: '办事咨询',
  suggestion: '意见建议', micro_wish: '微心愿',
};

// --- views -----------------------------------------------------------------------------

let current = 'board';
function show(view) {
  current = view;
  document.querySelectorAll('.view').forEach((v) => { v.hidden = v.id !== view; });
  document.querySelectorAll('#tabs button').forEach((b) => b.classList.toggle('on', b.dataset.view === view));
  refresh();
}

async function refresh() {
  if (!state.token) return;
  try {
    if (current === 'board') await loadBoard();
    if (current === 'district') await loadDistrict();
    if (current === 'sim') await loadSim();
    if (current === 'notice') await loadNotices();
    if (current === 'plan') await loadPlan();
    if (current === 'dead') await loadDead();
    if (state.detail) await loadDetail(state.detail);
  } catch (e) {
    console.warn(e);
  }
}

// --- board -----------------------------------------------------------------------------

async function loadBoard() {
  const q = new URLSearchParams({ status: 'open,RESOLVED', size: '200' });
  if ($('f-grid').value) q.set('grid', $('f-grid').value);
  if ($('f-community').value) q.set('community', $('f-community').value);
  if ($('f-category').value) q.set('category', $('f-category').value);
  if ($('f-overdue').checked) q.set('overdue', 'true');
  const page = await api('GET', '/tickets?' + q);
  state.tickets = page.items;
  $('board-count').textContent = `共 ${page.total} 张，超时 ${page.items.filter((t) => t.overdue).length} 张`;
  const cols = COLUMNS.map((c) => {
    const cards = page.items.filter((t) => c.statuses.includes(t.status))
      .sort((a, b) => (PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority]) || String(a.due).localeCompare(String(b.due)))
      .map(card).join('');
    return `<div class="column"><h3>${esc(c.title)}</h3>${cards || '<p class="muted">暂无</p>'}</div>`;
  });
  $('columns').innerHTML = cols.join('');
  document.querySelectorAll('.card').forEach((el) => { el.onclick = () => openDetail(el.dataset.id); });
  tick();
}

function card(t) {
  return `<div class="card ${esc(t.priority)}${t.overdue ? ' overdue' : ''}" data-id="${esc(t.id)}">
    <div class="top"><span>#${esc(t.id)}</span><span>${t.level > 0 ? `<span class="tag">${esc(LEVEL[t.level])}督办</span>` : ''}${t.emergency ? '<span class="tag em">紧急</span>' : ''}<span class="tag ${esc(t.priority)}">${esc(t.priority)}</span></span></div>
    <div class="text" title="${esc(t.text)}">${esc(t.categoryName)}｜${esc(t.text)}</div>
    <div class="meta"><span>${esc(t.placeLabel || t.communityName || '地点未知')}</span>
    <span class="countdown" data-due="${esc(t.due || '')}"></span></div></div>`;
}

function countdown(due) {
  if (!due) return ['', false];
  const ms = new Date(due).getTime() - Date.now();
  const abs = Math.abs(ms);
  const h = Math.floor(abs / 3600000), m = Math.floor((abs % 3600000) / 60000), s = Math.floor((abs % 60000) / 1000);
  const text = (h ? h + '小时' : '') + m + '分' + (h ? '' : s + '秒');
  return ms >= 0 ? ['剩 ' + text, false] : ['超时 ' + text, true];
}

function tick() {
  document.querySelectorAll('.countdown').forEach((el) => {
    const [text, late] = countdown(el.dataset.due);
    el.textContent = text;
    el.classList.toggle('late', late);
  });
}

// --- detail ----------------------------------------------------------------------------

async function openDetail(id) {
  state.detail = id;
  $('act-result').textContent = '';
  $('detail').hidden = false;
  await loadDetail(id);
}

async function loadDetail(id) {
  const d = await api('GET', '/tickets/' + id);
  const t = d.ticket;
  const who = t.assignees.map((a) => a.roleName + a.name + '（' + a.mobile + '）').join('、') || '无';
  const [left, late] = countdown(t.due);
  $('detail-body').innerHTML = `<h2 id="detail-title">#${esc(t.id)} ${esc(t.categoryName)}</h2>
    <dl>
      <dt>状态</dt><dd id="detail-status">${esc(t.statusName)}</dd>
      <dt>优先级</dt><dd>${esc(t.priority)}${t.emergency ? '（紧急）' : ''}</dd>
      <dt>督办层级</dt><dd id="detail-level">${esc(LEVEL[t.level] || t.level)}</dd>
      <dt>地点</dt><dd>${esc(t.placeLabel || '未提供')}</dd>
      <dt>网格</dt><dd>${esc(t.gridName || '未定')}</dd>
      <dt>居民反映</dt><dd>${esc(t.text)}</dd>
      <dt>处理人</dt><dd>${esc(who)}</dd>
      <dt>期限</dt><dd class="${late ? 'error' : ''}">${esc(t.due ? new Date(t.due).toLocaleString('zh-CN') + '（' + left + '）' : '—')}</dd>
      <dt>关注居民</dt><dd>${esc(t.followers)}</dd>
      ${t.mergedInto ? `<dt>已并入</dt><dd>#${esc(t.mergedInto)}</dd>` : ''}
    </dl>`;
  $('history').innerHTML = d.history.map((e) => `<li><span class="when">${esc(new Date(e.at).toLocaleString('zh-CN'))}</span>
    <b>${esc(e.action === 'report' ? '居民上报' : e.action)}</b> ${esc(actorName(e.actor))}${e.note ? '：' + esc(e.note) : ''}
    <span class="muted">${esc(e.channel || '')}</span></li>`).join('');
}

function actorName(actor) {
  const p = String(actor || '').split(':');
  if (p[0] === 'resident') return '居民';
  return p[p.length - 1];
}

async function act(path, body) {
  const id = state.detail;
  document.querySelectorAll('.actions button').forEach((b) => { b.disabled = true; });
  try {
    const r = await api('POST', `/tickets/${id}/${path}`, body);
    $('act-result').className = '';
    $('act-result').textContent = r.message;
  } catch (e) {
    $('act-result').className = 'error';
    $('act-result').textContent = e.message;
  } finally {
    document.querySelectorAll('.actions button').forEach((b) => { b.disabled = false; });
  }
  await refresh();
}

// --- district --------------------------------------------------------------------------

async function loadDistrict() {
  const s = await api('GET', '/stats?days=14');
  $('stats-head').innerHTML = `<div class="stat"><b>${s.total}</b>工单总数</div><div class="stat"><b>${s.open}</b>未办结</div>
    <div class="stat bad"><b>${s.overdue}</b>超时</div>`;
  $('chart-grid').innerHTML = bars(s.byGrid);
  $('chart-category').innerHTML = bars(s.byCategory);
  $('chart-trend').innerHTML = trend(s.trend);
}

function bars(rows) {
  if (!rows.length) return '<p class="muted">暂无数据</p>';
  const max = Math.max(1, ...rows.map((r) => r.total));
  const h = 22, w = 520, label = 130, scale = (w - label - 60) / max;
  const body = rows.map((r, i) => {
    const y = i * h;
    return `<text x="0" y="${y + 15}">${esc(r.name)}</text>
      <rect x="${label}" y="${y + 3}" width="${r.total * scale}" height="16" fill="#adb5bd"></rect>
      <rect x="${label}" y="${y + 3}" width="${r.open * scale}" height="16" fill="#1c7ed6"></rect>
      <rect x="${label}" y="${y + 3}" width="${r.overdue * scale}" height="16" fill="#e03131"></rect>
      <text x="${label + r.total * scale + 6}" y="${y + 15}">${r.total} / ${r.open} / ${r.overdue}</text>`;
  }).join('');
  return `<svg width="100%" viewBox="0 0 ${w} ${rows.length * h}" role="img">${body}</svg>`;
}

function trend(days) {
  const w = 900, h = 200, pad = 36;
  const values = days.map((d) => d.meanHours);
  const max = Math.max(1, ...values.filter((v) => v != null));
  const x = (i) => pad + i * (w - 2 * pad) / Math.max(1, days.length - 1);
  const y = (v) => h - pad - v * (h - 2 * pad) / max;
  let path = '';
  days.forEach((d, i) => { if (d.meanHours != null) path += (path ? ' L' : 'M') + x(i) + ' ' + y(d.meanHours); });
  const dots = days.map((d, i) => d.meanHours == null ? '' : `<circle cx="${x(i)}" cy="${y(d.meanHours)}" r="4" fill="#b3261e"><title>${esc(d.day)}：${d.meanHours}小时，${d.resolved}张</title></circle>`).join('');
  const labels = days.map((d, i) => `<text x="${x(i) - 14}" y="${h - 10}">${esc(d.day.slice(5))}</text>`).join('');
  return `<svg width="100%" viewBox="0 0 ${w} ${h}" role="img">
    <line x1="${pad}" y1="${h - pad}" x2="${w - pad}" y2="${h - pad}" stroke="#9aa5b1"></line>
    <text x="4" y="${pad}">${max.toFixed(1)}h</text>
    <path d="${path}" fill="none" stroke="#b3261e" stroke-width="2"></path>${dots}${labels}</svg>`;
}

// --- simulator -------------------------------------------------------------------------

function conversation() {
  return $('sim-role').value === 'staff' && $('sim-group').value ? $('sim-group').value : $('sim-from').value.trim();
}

async function send(text) {
  const body = { from: $('sim-from').value.trim() || 'resident-demo', text, id: 'console-' + Date.now() + '-' + Math.random().toString(36).slice(2, 8) };
  if ($('sim-role').value === 'staff') {
    if ($('sim-mobile').value.trim()) body.mobile = $('sim-mobile').value.trim();
    if ($('sim-group').value) body.group = $('sim-group').value;
  }
  state.sent.push({ conversation: conversation(), text, at: Date.now() });
  const r = await fetch('/webhooks/sandbox/demo', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!r.ok) {
    state.sent.push({ conversation: conversation(), text: '（发送失败：HTTP ' + r.status + '）', at: Date.now(), error: true });
  }
  await loadSim();
}

async function loadSim() {
  const r = await fetch('/sandbox/messages?limit=500');
  const all = r.ok ? await r.json() : [];
  const conv = conversation();
  const mine = state.sent.filter((m) => m.conversation === conv).map((m) => ({ me: true, text: m.text, at: m.at }));
  const bot = all.filter((m) => m.conversation === conv || (m.kind === 'group' && m.group === conv))
    .map((m) => ({ me: false, text: m.text, at: m.at }));
  const chat = mine.concat(bot).sort((a, b) => a.at - b.at);
  const box = $('chat');
  const atBottom = box.scrollTop + box.clientHeight >= box.scrollHeight - 10;
  box.innerHTML = chat.map((m) => `<div class="bubble ${m.me ? 'me' : 'bot'}">${esc(m.text)}</div>`).join('');
  if (atBottom) box.scrollTop = box.scrollHeight;
  const groups = {};
  all.filter((m) => m.kind === 'group').forEach((m) => { (groups[m.group] = groups[m.group] || []).push(m); });
  $('groups').innerHTML = Object.keys(groups).sort().map((g) => `<div class="group" data-group="${esc(g)}"><h4>${esc(groupName(g))}</h4>
    ${groups[g].slice(-5).map((m) => `<div class="msg">${esc(m.text)}</div>`).join('')}</div>`).join('') || '<p class="muted">还没有消息</p>';
}

function groupName(g) {
  const [kind, id] = g.split(':');
  const find = (list) => (list.find((x) => x.id === id) || {}).name || id;
  if (kind === 'grid') return find(state.dir.grids) + '工作群';
  if (kind === 'community') return find(state.dir.communities) + '工作群';
  if (kind === 'street') return find(state.dir.streets) + '指挥中心';
  if (kind === 'dept') return find(state.dir.departments);
  return g;
}

// --- notices (通知群发) -------------------------------------------------------------------

// The directory as far as the token reaches: a street token its street, a community token its community.
function inScope() {
  const d = state.dir, me = state.me;
  const communities = d.communities.filter((c) => (me.scope === 'street' ? c.street === me.place : c.id === me.place));
  const ids = new Set(communities.map((c) => c.id));
  return {
    streets: d.streets.filter((s) => communities.some((c) => c.street === s.id)),
    communities,
    grids: d.grids.filter((g) => ids.has(g.community)),
    compounds: d.compounds.filter((c) => ids.has(c.community)),
  };
}

const PICK = ['street', 'community', 'grid', 'compound', 'building'];

// Refills the levels below `from` (street → community → grid → compound → building) and the target text.
function fillPicker(from) {
  const sc = inScope();
  const val = (k) => $('pk-' + k).value;
  const set = (k, items, all) => {
    $('pk-' + k).innerHTML = `<option value="">${esc(all)}</option>` + items.map(([v, t]) => `<option value="${esc(v)}">${esc(t)}</option>`).join('');
  };
  const start = from === 'none' ? PICK.length : PICK.indexOf(from);
  if (start <= 0) set('street', sc.streets.map((s) => [s.id, s.name]), state.me.scope === 'street' ? '（请选择）' : '（不限）');
  if (start <= 1) set('community', sc.communities.filter((c) => !val('street') || c.street === val('street')).map((c) => [c.id, c.name]), '（全部社区）');
  if (start <= 2) set('grid', sc.grids.filter((g) => !val('community') || g.community === val('community')).map((g) => [g.id, g.name]), '（全部网格）');
  if (start <= 3) {
    const grid = sc.grids.find((g) => g.id === val('grid'));
    const compounds = sc.compounds.filter((c) => (grid ? (grid.covers || []).some((x) => x.compound === c.id) : !val('community') || c.community === val('community')));
    set('compound', compounds.map((c) => [c.id, c.name]), '（全部小区）');
  }
  if (start <= 4) {
    const c = sc.compounds.find((x) => x.id === val('compound'));
    const grid = sc.grids.find((g) => g.id === val('grid'));
    const buildings = [];
    if (c) {
      const cov = grid && (grid.covers || []).find((x) => x.compound === c.id);
      for (let b = cov ? cov.from : 1; b <= (cov ? cov.to : c.buildings); b++) buildings.push([String(b), b + '号楼']);
    }
    set('building', buildings, '（全部楼栋）');
  }
  $('nt-targets').value = pickedTargets();
}

function pickedTargets() {
  const sc = inScope();
  const name = (list, id) => (list.find((x) => x.id === id) || {}).name;
  const v = (k) => $('pk-' + k).value;
  if (v('compound')) {
    const c = name(sc.compounds, v('compound'));
    return v('building') ? c + v('building') + '号楼' : c;
  }
  if (v('grid')) return v('grid');
  if (v('community')) return name(sc.communities, v('community')) + '全体';
  if (v('street')) return name(sc.streets, v('street'));
  return state.me.scope === 'community' ? state.me.placeName + '全体' : '';
}

function platformName(p) {
  return { sandbox: '沙箱', wecom: '企业微信', dingtalk: '钉钉', feishu: '飞书' }[p] || p;
}

function minutes(sec) {
  return sec < 60 ? '1 分钟内' : (Math.floor(sec / 60) + 1) + ' 分钟';
}

function showDraft(d) {
  const platforms = Object.entries(d.byPlatform).map(([p, n]) => platformName(p) + ' ' + n + ' 个').join('，');
  $('nt-draft-body').innerHTML = `<dl class="kv">
    <dt>发送对象</dt><dd>${esc(d.targets)}，共 <b id="nt-total">${d.total}</b> 个楼栋群（${esc(platforms)}）</dd>
    <dt>发送时间</dt><dd>${d.sendAt ? esc(new Date(d.sendAt).toLocaleString('zh-CN')) : '立即发送'}</dd>
    <dt>预计用时</dt><dd>按平台限速约 ${esc(minutes(d.estimatedSeconds))} 发完</dd>
    <dt>内容</dt><dd>${esc(d.text)}</dd>
    <dt>楼栋群</dt><dd class="muted">${esc(d.groups.map((g) => g.name).join('、'))}</dd></dl>`;
  $('nt-draft').hidden = false;
}

async function previewNotice() {
  $('nt-error').textContent = '';
  $('nt-result').textContent = '';
  const body = { targets: $('nt-targets').value.trim(), text: $('nt-text').value.trim() };
  if ($('nt-when').value) body.sendAt = new Date($('nt-when').value).toISOString();
  try {
    showDraft(await api('POST', '/broadcasts', body));
  } catch (e) {
    $('nt-draft').hidden = true;
    $('nt-error').textContent = e.status === 403 ? '发送对象不在您的管辖范围内。' : e.message;
  }
}

async function confirmNotice() {
  try {
    const r = await api('POST', '/broadcasts/draft/confirm');
    $('nt-draft').hidden = true;
    $('nt-result').textContent = r.message;
    state.notice = r.id;
    await loadNotices();
  } catch (e) {
    $('nt-error').textContent = e.message;
  }
}

async function cancelNotice() {
  try {
    await api('DELETE', '/broadcasts/draft');
  } catch (e) {
    console.warn(e);
  }
  $('nt-draft').hidden = true;
  $('nt-result').textContent = '已取消，这条通知不会发送。';
}

const DELIVERY = { sent: '已发送', pending: '待发送', failed: '失败' };

async function loadNotices() {
  const list = await api('GET', '/broadcasts?limit=20');
  $('nt-list').innerHTML = list.length ? `<table><tr><th>编号</th><th>对象</th><th>内容</th><th>已发 / 待发 / 失败</th></tr>${list.map((n) => `<tr class="pick" data-id="${esc(n.id)}">
    <td>#${esc(n.id)}</td><td>${esc(n.targets)}</td><td>${esc(n.text)}</td>
    <td>${n.state === 'withdrawn' ? '已撤回' : n.state === 'scheduled' ? '定时 ' + esc(new Date(n.sendAt).toLocaleString('zh-CN')) : `${n.sent} / ${n.pending} / ${n.failed}`}</td></tr>`).join('')}</table>` : '<p class="muted">还没有通知</p>';
  document.querySelectorAll('#nt-list tr.pick').forEach((tr) => { tr.onclick = () => { state.notice = tr.dataset.id; loadNotices(); }; });
  if (!state.notice) return;
  const n = await api('GET', '/broadcasts/' + state.notice);
  $('nt-report').innerHTML = `<p id="nt-report-head"><b>通知 #${esc(n.id)}</b>（${esc(n.targets)}）${n.state === 'scheduled' ? '定时 ' + esc(new Date(n.sendAt).toLocaleString('zh-CN')) + '，' : ''}
    ${n.state === 'withdrawn' ? '已撤回，未发送' : `已发送 <b id="nt-sent">${n.sent}</b>，待发送 ${n.pending}，失败 ${n.failed}`}
    ${n.state === 'scheduled' ? '<button id="nt-withdraw" class="danger">撤回</button>' : ''}</p>
    <table><tr><th>楼栋群</th><th>状态</th><th>原因</th></tr>${n.groups.map((g) => `<tr class="d-${esc(g.status)}">
    <td>${esc(g.name)}</td><td>${esc(DELIVERY[g.status] || g.status)}</td><td>${esc(g.reason || '')}</td></tr>`).join('')}</table>`;
  if ($('nt-withdraw')) {
    $('nt-withdraw').onclick = async () => {
      try {
        $('nt-result').textContent = (await api('DELETE', '/broadcasts/' + n.id)).message;
      } catch (e) {
        $('nt-result').textContent = e.message;
      }
      await loadNotices();
    };
  }
}

// --- schedules and visits (提醒与走访) ---------------------------------------------------

async function loadPlan() {
  const list = await api('GET', '/schedules');
  $('sc-list').innerHTML = `<table><tr><th>编号</th><th>内容</th><th>时间（cron）</th><th>上次执行</th><th></th></tr>${list.map((s) => `<tr>
    <td>${esc(s.id)}</td><td>${esc(s.description)}</td><td><code>${esc(s.cron)}</code></td>
    <td>${s.lastRun ? esc(new Date(s.lastRun).toLocaleString('zh-CN')) : '—'}</td>
    <td><button class="trigger" data-id="${esc(s.id)}">立即执行</button></td></tr>`).join('')}</table>`;
  document.querySelectorAll('button.trigger').forEach((b) => {
    b.onclick = async () => {
      try {
        $('sc-result').className = '';
        $('sc-result').textContent = (await api('POST', `/schedules/${b.dataset.id}/trigger`)).message;
      } catch (e) {
        $('sc-result').className = 'error';
        $('sc-result').textContent = e.message;
      }
    };
  });
  const q = new URLSearchParams();
  if ($('vs-grid').value) q.set('grid', $('vs-grid').value);
  if ($('vs-today').checked) q.set('due', 'today');
  const visits = await api('GET', '/visits?' + q);
  $('vs-list').innerHTML = visits.length ? `<table><tr><th>对象</th><th>类别</th><th>网格</th><th>住址</th><th>周期</th><th>上次走访</th><th>应走访</th></tr>${visits.map((v) => `<tr class="${v.overdue ? 'late' : ''}">
    <td>${esc(v.name)}</td><td>${esc(v.groupName)}</td><td>${esc(v.gridName)}</td><td>${esc(v.address)}</td><td>每 ${v.visitEveryDays} 天</td>
    <td>${v.lastVisit ? esc(new Date(v.lastVisit).toLocaleString('zh-CN')) : '从未走访'}</td>
    <td>${v.due ? esc(new Date(v.due).toLocaleDateString('zh-CN')) : '立即'}${v.overdue ? '（已逾期）' : v.dueToday ? '（今日）' : ''}</td></tr>`).join('')}</table>` : '<p class="muted">没有需要走访的对象</p>';
}

// --- dead letters ----------------------------------------------------------------------

async function loadDead() {
  for (const kind of ['outbox', 'inbox']) {
    const el = $('dead-' + kind);
    try {
      const list = await api('GET', '/deadletters/' + kind);
      el.innerHTML = list.length ? `<table><tr><th>编号</th><th>尝试</th><th>内容</th><th></th></tr>${list.map((d) => `<tr>
        <td>${esc(d.id)}</td><td>${esc(d.attempts)}</td><td>${esc(d.entry && d.entry.text ? d.entry.text : JSON.stringify(d.entry))}</td>
        <td><button data-kind="${kind}" data-id="${esc(d.id)}" class="retry">重试</button>
        <button data-kind="${kind}" data-id="${esc(d.id)}" class="drop danger">丢弃</button></td></tr>`).join('')}</table>` : '<p class="muted">没有死信 👍</p>';
    } catch (e) {
      el.innerHTML = `<p class="muted">${e.status === 403 ? '仅街道指挥中心可查看死信。' : esc(e.message)}</p>`;
    }
  }
  document.querySelectorAll('button.retry').forEach((b) => { b.onclick = () => api('POST', `/deadletters/${b.dataset.kind}/${b.dataset.id}/retry`).then(loadDead); });
  document.querySelectorAll('button.drop').forEach((b) => { b.onclick = () => api('DELETE', `/deadletters/${b.dataset.kind}/${b.dataset.id}`).then(loadDead); });
}

// --- wiring ----------------------------------------------------------------------------

$('login-form').onsubmit = (e) => { e.preventDefault(); login($('token').value.trim()); };
document.querySelectorAll('#tabs button').forEach((b) => { b.onclick = () => show(b.dataset.view); });
['f-grid', 'f-community', 'f-category', 'f-overdue'].forEach((id) => { $(id).onchange = refresh; });
$('detail-close').onclick = () => { state.detail = null; $('detail').hidden = true; };
$('act-assign').onclick = () => act('assign', { target: $('in-assign').value.trim() });
$('act-escalate').onclick = () => act('escalate', $('in-escalate').value.trim() ? { reason: $('in-escalate').value.trim() } : {});
$('act-whistle').onclick = () => act('whistle', { department: $('in-whistle').value });
$('act-close').onclick = () => act('close', $('in-close').value.trim() ? { note: $('in-close').value.trim() } : {});
$('sim-role').onchange = () => { $('sim-staff').hidden = $('sim-role').value !== 'staff'; loadSim(); };
$('sim-group').onchange = loadSim;
PICK.forEach((k, i) => { $('pk-' + k).onchange = () => fillPicker(PICK[i + 1] || 'none'); });
$('nt-preview').onclick = previewNotice;
$('nt-confirm').onclick = confirmNotice;
$('nt-cancel').onclick = cancelNotice;
['vs-grid', 'vs-today'].forEach((id) => { $(id).onchange = refresh; });
$('sim-form').onsubmit = (e) => {
  e.preventDefault();
  const text = $('sim-text').value.trim();
  if (text) { $('sim-text').value = ''; send(text); }
};
setInterval(tick, 1000);
setInterval(refresh, 3000);
if (state.token) login(state.token);
