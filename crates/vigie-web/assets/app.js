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
// A live check: timer and countdown, the phone seen joining, what the check says so far,
// findings and services; once stored, the result page.
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
  function finding(f) {
    const li = item("", "finding sev-" + f.severity);
    const title = document.createElement("strong");
    title.textContent = "[" + f.severity_label + "] " + f.title;
    const p = document.createElement("p");
    p.textContent = f.explanation;
    li.append(title, p);
    return li;
  }
  source.onmessage = (ev) => {
    const s = JSON.parse(ev.data);
    $("timer").textContent = s.timer;
    $("result").className = "result level-" + s.level;
    $("level").textContent = s.level_label;
    $("level-sign").textContent = s.level_sign;
    if ($("headline").textContent !== s.headline) $("headline").textContent = s.headline;
    const findings = $("findings");
    if (s.findings.length === 0) findings.replaceChildren(item(live.dataset.i18nNone, "none"));
    else findings.replaceChildren(...s.findings.map(finding));
    if (s.devices.length === 0) $("devices").replaceChildren(item(s.devices_none, "none"));
    else $("devices").replaceChildren(...s.devices.map((d) => item(d)));
    $("services").replaceChildren(...s.services.map((x) => item(x.name + " (" + x.count + "×)")));
    if (s.stopped) { $("stopped").hidden = false; $("stopped").textContent = s.stopped; }
    if (s.finished) {
      $("stop-form").hidden = true;
      if (s.save_error) { $("stopped").hidden = false; $("stopped").textContent = s.save_error; }
      if (s.result_url) {
        $("result-link").href = s.result_url;
        $("saved").hidden = false;
        source.close();
        window.location.assign(s.result_url);
      } else if (s.saved !== null) source.close();
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
