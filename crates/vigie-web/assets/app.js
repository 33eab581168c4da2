// Vigie station app: live updates of a running check (server-sent events).
// Text is only ever set with textContent: nothing received is read as HTML.
"use strict";
// A device check (Android phone, iPhone backup): the progress bar follows it; the page
// reloads at the end.
(function () {
  const box = document.querySelector("[data-progress]");
  if (!box) return;
  const bar = box.querySelector("progress");
  const step = box.querySelector(".step");
  async function poll() {
    try {
      const r = await fetch(box.dataset.progress, { credentials: "same-origin" });
      if (r.ok) {
        const s = await r.json();
        bar.max = Math.max(1, s.total);
        bar.value = s.done;
        step.textContent = s.step;
        if (s.finished) { window.location.reload(); return; }
      }
    } catch (e) { /* the next poll tries again */ }
    setTimeout(poll, 400);
  }
  poll();
})();
(function () {
  const live = document.getElementById("live");
  if (!live) return;
  const $ = (id) => document.getElementById(id);
  const source = new EventSource(live.dataset.events);
  function item(text, cls) {
    const li = document.createElement("li");
    if (cls) li.className = cls;
    li.textContent = text;
    return li;
  }
  source.onmessage = (ev) => {
    const s = JSON.parse(ev.data);
    $("elapsed").textContent = s.elapsed_text;
    $("packets").textContent = String(s.packets);
    $("headline").textContent = s.headline;
    const findings = $("findings");
    findings.replaceChildren(...s.findings.map((f) => {
      const li = item("", "finding sev-" + f.severity);
      const title = document.createElement("strong");
      title.textContent = "[" + f.severity_label + "] " + f.title;
      const p = document.createElement("p");
      p.textContent = f.explanation;
      const meta = document.createElement("p");
      meta.className = "meta";
      meta.textContent = f.rule;
      li.append(title, p, meta);
      return li;
    }));
    if (s.findings.length === 0) findings.replaceChildren(item(live.dataset.i18nNone, "none"));
    $("services").replaceChildren(...s.services.map((x) => item(x.name + " (" + x.via + ", " + x.count + "×)")));
    if (s.stopped) { $("stopped").hidden = false; $("stopped").textContent = s.stopped; }
    if (s.finished) {
      $("stop-form").hidden = true;
      if (s.saved === true) $("saved").hidden = false;
      if (s.save_error) { $("stopped").hidden = false; $("stopped").textContent = s.save_error; }
      if (s.saved !== null) source.close();
    }
  };
})();

// Evidence locker: send the chosen file's own date (the browser does not send it).
(function () {
  var files = document.getElementById("locker-files");
  var date = document.getElementById("locker-file-modified");
  if (!files || !date) return;
  files.addEventListener("change", function () {
    date.value = files.files.length === 1 ? String(files.files[0].lastModified) : "";
  });
})();
