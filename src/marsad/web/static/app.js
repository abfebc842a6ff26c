// marsad: a little vanilla script. Highlight toggles on the article page; on the upload page, the upload's
// progress while it is sent, then the pipeline's progress until the report. Text from the server is only
// ever set as textContent.
"use strict";

function toggles() {
  const box = document.querySelector(".toggles");
  if (!box) return;
  box.hidden = false;
  for (const input of box.querySelectorAll("input[data-layer]")) {
    input.addEventListener("change", () => {
      document.body.classList.toggle("hide-" + input.dataset.layer, !input.checked);
    });
  }
}

function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (cls) node.className = cls;
  return node;
}

const STATES = {queued: "في الانتظار", running: "قيد التحليل", done: "انتهى", failed: "فشل"};

function showJob(target, job) {
  target.replaceChildren();
  target.appendChild(el("p", `${STATES[job.state] || job.state} · ${job.items} عنصر قُرئ من ${job.files.length} ملف · ${job.seconds} ث`, "state"));
  if (job.state === "queued" || job.state === "running") target.appendChild(el("progress"));
  if (job.report) {
    const r = job.report;
    target.appendChild(el("p", `قُرئ ${r.read}، خُزّن ${r.stored} جديد، ${r.present} موجود من قبل، رُفض ${r.refused}`, "summary"));
    const home = el("a", "إلى الموجز");
    home.href = "/";
    target.appendChild(el("p")).appendChild(home);
  }
  if (job.error) target.appendChild(el("p", job.error, "error ltr"));
  if (job.refused.length) {
    target.appendChild(el("h2", `ملفات مرفوضة (${job.refused.length})`));
    const list = target.appendChild(el("ul", null, "refused ltr"));
    list.dir = "ltr";
    for (const line of job.refused) list.appendChild(el("li", "refused: " + line));
  }
}

function poll(target, id) {
  fetch(`/upload/${encodeURIComponent(id)}.json`, {headers: {Accept: "application/json"}})
    .then((r) => r.json())
    .then((job) => {
      showJob(target, job);
      if (job.state === "queued" || job.state === "running") setTimeout(() => poll(target, id), 700);
    })
    .catch(() => setTimeout(() => poll(target, id), 1500));
}

function upload() {
  const form = document.getElementById("upload");
  if (!form) return;
  const bar = form.querySelector(".progress");
  const status = form.querySelector(".status");
  const result = document.getElementById("result");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const files = form.querySelector("input[type=file]").files;
    let size = 0;
    for (const f of files) size += f.size;
    const limit = Number(form.dataset.limit);
    bar.hidden = false;
    if (size > limit) {
      status.textContent = `الملفات ${size.toLocaleString()} بايت، فوق الحد ${limit.toLocaleString()}`;
      return;
    }
    const data = new FormData(form);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("X-Marsad-Token", data.get("token"));
    const progress = bar.querySelector("progress");
    xhr.upload.addEventListener("progress", (e) => {
      if (e.lengthComputable) {
        progress.value = Math.round((100 * e.loaded) / e.total);
        status.textContent = `يُرفع… ${progress.value}٪`;
      }
    });
    xhr.addEventListener("load", () => {
      let body = {};
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = {detail: xhr.statusText}; }
      if (xhr.status === 202) {
        progress.value = 100;
        status.textContent = "رُفع، يُحلَّل الآن";
        history.replaceState(null, "", `/upload/${body.id}`);
        showJob(result, body);
        poll(result, body.id);
      } else {
        status.textContent = `رُفض الرفع (${xhr.status}): ${body.detail || ""}`;
      }
    });
    xhr.addEventListener("error", () => { status.textContent = "انقطع الاتصال"; });
    xhr.send(data);
  });
}

function job() {
  const box = document.querySelector(".job[data-job]");
  if (!box || !["queued", "running"].includes(box.dataset.state)) return;
  poll(box, box.dataset.job);
}

document.addEventListener("DOMContentLoaded", () => { toggles(); upload(); job(); });
