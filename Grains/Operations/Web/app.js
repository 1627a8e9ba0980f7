// The silo's web view: polls the JSON API of the silo that served it and renders with DOM calls
// only (textContent, never innerHTML), since znode names and data are whatever clients wrote.
"use strict";

const state = { path: "/", node: null, view: "text", samples: [], last: null, writable: false };
const $ = id => document.getElementById(id);

function el(tag, text, attrs) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  return e;
}

function row(cells, attrs) {
  const tr = el("tr", null, attrs);
  for (const c of cells) {
    if (c instanceof Node) tr.appendChild(c.tagName === "TD" ? c : wrap(c));
    else tr.appendChild(el("td", c === null || c === undefined ? "–" : c));
  }
  return tr;
}

function wrap(node) { const td = el("td"); td.appendChild(node); return td; }

function num(value, cls) { return el("td", value === null || value === undefined ? "–" : value, { class: "num" + (cls ? " " + cls : "") }); }

async function getJson(url) {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok && response.status !== 404) throw new Error(url + ": HTTP " + response.status);
  return response.json();
}

// ---- cluster: leader, epoch, replicas, chart -------------------------------------------------

async function refreshCluster() {
  const c = await getJson("api/cluster");
  state.writable = c.writable;
  const mode = $("mode");
  mode.textContent = c.mode;
  mode.className = "badge " + c.mode;
  $("silo").textContent = c.silo;
  $("leader-silo").textContent = c.leader ? c.leader.silo : "none reachable (" + (c.leaderError || "?") + ")";
  $("epoch").textContent = c.leader ? c.leader.epoch : "–";
  $("committed-zxid").textContent = c.leader ? c.leader.committedZxid : "–";
  $("elections").textContent = c.ensemble ? c.ensemble.elections : "–";
  $("last-snapshot").textContent = c.ensemble ? c.ensemble.lastSnapshotZxid : "–";

  const body = $("replicas").tBodies[0];
  body.replaceChildren(...c.replicas.map(r => {
    const role = (r.leader ? "leader" : "follower") + (r.local ? " (this silo)" : "");
    if (r.error) return row([r.silo, role, el("td", "unreachable: " + r.error, { class: "error", colspan: "6" })], { "data-silo": r.silo });
    return row([
      r.silo, role,
      num(r.appliedZxid),
      num(r.lagTxns, r.lagTxns > 0 ? "lagging" : ""),
      r.leaderInTouch ? "in touch" : "out of touch",
      num(r.attachedSessions), num(r.watches), num(r.znodes),
    ], { "data-silo": r.silo });
  }));
  const f = c.figures;
  $("figures").textContent = `${f.znodes} znodes, ${f.dataSize} bytes of paths and data, ${f.sessions} live sessions, ${f.ephemerals} ephemerals, ${f.watches} watches on this silo`;
  $("changes").hidden = !c.writable;

  if (c.leader) sample(c.leader.epoch, c.leader.committedCounter);
}

// Txns per second from the change of the leader's commit counter; a new epoch restarts the count.
function sample(epoch, counter) {
  const now = performance.now();
  const last = state.last;
  state.last = { epoch, counter, now };
  if (!last || last.epoch !== epoch || now <= last.now) return;
  const rate = Math.max(0, (counter - last.counter) * 1000 / (now - last.now));
  state.samples.push(rate);
  if (state.samples.length > 120) state.samples.shift();
  $("writes-now").textContent = rate.toFixed(0);
  drawChart();
}

function drawChart() {
  const canvas = $("writes-chart");
  const g = canvas.getContext("2d");
  const w = canvas.width, h = canvas.height, pad = 28;
  g.clearRect(0, 0, w, h);
  const max = Math.max(10, ...state.samples);
  g.strokeStyle = "#d8dde6";
  g.fillStyle = "#667085";
  g.font = "11px sans-serif";
  for (const frac of [0, 0.5, 1]) {
    const y = h - pad / 2 - frac * (h - pad);
    g.beginPath(); g.moveTo(pad + 12, y); g.lineTo(w, y); g.stroke();
    g.fillText((max * frac).toFixed(0), 2, y + 4);
  }
  if (state.samples.length < 2) return;
  g.strokeStyle = "#2f6feb";
  g.lineWidth = 2;
  g.beginPath();
  state.samples.forEach((v, i) => {
    const x = pad + 12 + i * (w - pad - 12) / 119;
    const y = h - pad / 2 - (v / max) * (h - pad);
    if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
  });
  g.stroke();
}

// ---- tree ------------------------------------------------------------------------------------

function childPath(parent, name) { return (parent === "/" ? "" : parent) + "/" + name; }

function navigate(path) {
  if (location.hash !== "#" + path) history.replaceState(null, "", "#" + path);
  state.path = path;
  return refreshNode();
}

async function refreshNode() {
  const n = await getJson("api/tree?path=" + encodeURIComponent(state.path));
  state.node = n;
  renderBreadcrumb(n.path);
  const error = $("node-error");
  error.hidden = n.code === "ok";
  error.textContent = n.code === "ok" ? "" : `${n.path}: ${n.code}${n.message ? " (" + n.message + ")" : ""}`;

  $("child-count").textContent = n.code === "ok" ? `(${n.childCount})` : "";
  $("children").replaceChildren(...n.children.map(name => {
    const li = el("li", null, { "data-name": name });
    const a = el("a", name, { href: "#" + childPath(n.path, name) });
    a.addEventListener("click", e => { e.preventDefault(); navigate(childPath(n.path, name)); });
    li.appendChild(a);
    return li;
  }));

  const stat = n.stat;
  $("stat").tBodies[0].replaceChildren(...(stat ? Object.entries(stat).map(([k, v]) => row([k, statText(k, v)], { id: "stat-" + k.toLowerCase() })) : []));
  $("acl").replaceChildren(...n.acl.map(a => el("li", `${a.scheme}:${a.id} ${a.permissions}`, { class: "mono" })));
  renderData();
}

function statText(key, value) {
  return key === "ctime" || key === "mtime" ? `${new Date(value).toISOString().replace("T", " ").replace("Z", " UTC")} (${value})` : value;
}

function renderBreadcrumb(path) {
  const nav = $("breadcrumb");
  const parts = path === "/" ? [] : path.split("/").slice(1);
  const links = [linkTo("/", "/")];
  parts.forEach((p, i) => {
    if (i > 0) links.push(document.createTextNode("/"));
    links.push(linkTo("/" + parts.slice(0, i + 1).join("/"), p));
  });
  nav.replaceChildren(...links);
}

function linkTo(path, text) {
  const a = el("a", text, { href: "#" + path });
  a.addEventListener("click", e => { e.preventDefault(); navigate(path); });
  return a;
}

function bytesOf(base64) {
  const raw = atob(base64 || "");
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

function renderData() {
  const n = state.node;
  const pre = $("data");
  pre.setAttribute("data-view", state.view);
  if (!n || n.code !== "ok") { pre.textContent = ""; return; }
  const bytes = bytesOf(n.data);
  const text = new TextDecoder("utf-8").decode(bytes);
  if (state.view === "hex") pre.textContent = hexDump(bytes);
  else if (state.view === "json") {
    try { pre.textContent = JSON.stringify(JSON.parse(text), null, 2); }
    catch { pre.textContent = "(not valid JSON)\n" + text; }
  } else pre.textContent = bytes.length === 0 ? "(empty)" : text;
}

function hexDump(bytes) {
  const lines = [];
  for (let off = 0; off < bytes.length; off += 16) {
    const chunk = Array.from(bytes.slice(off, off + 16));
    const hex = chunk.map(b => b.toString(16).padStart(2, "0")).join(" ").padEnd(47, " ");
    const ascii = chunk.map(b => (b >= 32 && b < 127 ? String.fromCharCode(b) : ".")).join("");
    lines.push(off.toString(16).padStart(8, "0") + "  " + hex + "  |" + ascii + "|");
  }
  return lines.length ? lines.join("\n") : "(empty)";
}

// ---- sessions and watches ----------------------------------------------------------------------

async function refreshSessions() {
  const s = await getJson("api/sessions");
  $("session-count").textContent = `(${s.total})`;
  $("sessions").tBodies[0].replaceChildren(...s.sessions.map(x => row([
    el("td", x.id, { class: "mono" }),
    (x.timeoutMs / 1000).toFixed(1) + " s",
    x.silo || "not attached",
    x.ephemerals.length ? x.ephemerals.join("\n") : "–",
  ], { "data-session": x.id })));
}

async function refreshWatches() {
  const silos = await getJson("api/watches");
  $("watches").replaceChildren(...silos.map(s => {
    const box = el("div", null, { "data-silo": s.silo });
    box.appendChild(el("h3", `${s.silo}: ${s.error ? "unreachable" : s.count + " watches"}`));
    if (s.watches.length) {
      const table = el("table");
      table.appendChild(el("thead")).appendChild(row(["session", "path", "kind"]));
      const body = table.appendChild(el("tbody"));
      s.watches.forEach(w => body.appendChild(row([w.session, w.path, w.kind], { "data-path": w.path })));
      box.appendChild(table);
    }
    return box;
  }));
}

// ---- changes (only with the admin token) ---------------------------------------------------------

async function change(method, body, query) {
  const token = $("token").value;
  sessionStorage.setItem("adminToken", token);
  const response = await fetch("api/tree" + (query || ""), {
    method,
    headers: { "Content-Type": "application/json", Authorization: "Bearer " + token },
    body: body ? JSON.stringify(body) : undefined,
  });
  const result = await response.json().catch(() => ({ code: "HTTP " + response.status }));
  $("change-result").textContent = `${method}: ${result.code || result.error}${result.zxid ? " at " + result.zxid : ""}`;
  await refreshAll();
}

function wireChanges() {
  $("token").value = sessionStorage.getItem("adminToken") || "";
  $("create").addEventListener("click", () => {
    const name = $("child-name").value.trim();
    if (name) change("POST", { path: childPath(state.path, name), data: $("new-data").value });
  });
  $("set").addEventListener("click", () => change("PUT", { path: state.path, data: $("new-data").value, version: state.node?.stat?.version ?? -1 }));
  $("delete").addEventListener("click", async () => {
    const parent = state.path.substring(0, state.path.lastIndexOf("/")) || "/";
    await change("DELETE", null, "?path=" + encodeURIComponent(state.path));
    if (state.node?.code === "no_node") navigate(parent);
  });
  for (const radio of document.querySelectorAll('input[name="view"]')) {
    radio.addEventListener("change", () => { state.view = radio.value; renderData(); });
  }
}

// ---- polling ---------------------------------------------------------------------------------------

async function refreshAll() {
  const status = $("status");
  try {
    await Promise.all([refreshCluster(), refreshNode(), refreshSessions(), refreshWatches()]);
    status.textContent = "updated " + new Date().toLocaleTimeString();
    status.className = "status";
    document.body.setAttribute("data-loaded", "true");
  } catch (e) {
    status.textContent = "update failed: " + e.message;
    status.className = "status failed";
  }
}

wireChanges();
state.path = decodeURIComponent(location.hash.slice(1)) || "/";
window.addEventListener("hashchange", () => navigate(decodeURIComponent(location.hash.slice(1)) || "/"));
refreshAll();
setInterval(() => refreshCluster().catch(() => {}), 1000);
setInterval(() => Promise.all([refreshNode(), refreshSessions(), refreshWatches()]).catch(() => {}), 3000);
