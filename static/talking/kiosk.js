// The talking kiosk's keys. Everything spoken is also written into #said (aria-live),
// so a screen reader and the screen say what the headphones say.
//
// A barcode scanner types digits fast and ends with Enter; a person presses one key.
// So in the empty field 0-6 are commands, unless a second key follows within
// SCANNER_GAP ms: then both are the start of a scanned code.
(() => {
  "use strict";
  const root = document.getElementById("kiosk");
  if (!root) return;
  const field = document.getElementById("code");
  const label = document.getElementById("code-label");
  const form = document.getElementById("scan-form");
  const said = document.getElementById("said");
  const list = document.getElementById("menu");
  const prompts = JSON.parse(document.getElementById("kiosk-prompts").textContent);
  const csrf = root.querySelector("input[name=csrfmiddlewaretoken]").value;
  const scanLabel = label.textContent;
  const SCANNER_GAP = 150;
  const COMMANDS = ["0", "1", "2", "3", "4", "5", "6"];
  const audio = new Audio();

  let last = null; // the last thing said: {text, audio}
  let current = null; // the title in hand: {record, item}
  let mode = "scan"; // scan | card | pin | menu
  let pending = null; // a command key waiting to see whether a scanner follows
  let card = "";
  let afterSignIn = null;
  let signedIn = root.dataset.signedIn === "1";
  const menus = []; // a stack: {entries, index, onChoose}

  function announce(text) {
    // Clear first so the same sentence twice is announced twice.
    said.textContent = "";
    window.setTimeout(() => { said.textContent = text; }, 30);
  }

  function speak(say) {
    if (!say) return;
    last = say;
    announce(say.text);
    audio.pause();
    audio.src = say.audio;
    audio.currentTime = 0;
    audio.play().catch(() => {});
  }

  function stop() {
    const wasPlaying = !audio.paused && !audio.ended;
    audio.pause();
    const served = document.getElementById("result-audio");
    if (served) served.pause();
    return wasPlaying;
  }

  async function call(url, options = {}) {
    const init = { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } };
    if (options.post) {
      init.method = "POST";
      init.headers["X-CSRFToken"] = csrf;
      init.body = new URLSearchParams(options.post);
    }
    try {
      const response = await fetch(url, init);
      return await response.json();
    } catch (error) {
      return { say: prompts.wait };
    }
  }

  function describeUrl(record, level) {
    return root.dataset.describe.replace("/0/short", `/${record}/${level}`);
  }

  function take(data) {
    if (data.record) current = { record: data.record, item: data.item || "" };
    speak(data.say);
  }

  async function lookup(code) {
    if (!code.trim()) return;
    speak(prompts.wait);
    take(await call(root.dataset.lookup, { post: { code } }));
  }

  async function openRecord(record) {
    take(await call(describeUrl(record, "short")));
  }

  async function tell(level) {
    if (!current) { speak(prompts.nothing); return; }
    const query = current.item ? `?item=${encodeURIComponent(current.item)}` : "";
    take(await call(describeUrl(current.record, level) + query));
  }

  // -- signing in with card and PIN, typed on the keypad ------------------------------------

  function askCard(then) {
    afterSignIn = then;
    mode = "card";
    field.value = "";
    field.type = "text";
    label.textContent = label.dataset.card;
    speak(prompts.card);
  }

  function backToScanning() {
    mode = "scan";
    field.value = "";
    field.type = "text";
    label.textContent = scanLabel;
  }

  async function signIn(pin) {
    const result = await call(root.dataset.signIn, { post: { card, pin } });
    backToScanning();
    speak(result.say);
    if (result.ok) {
      signedIn = true;
      const then = afterSignIn;
      afterSignIn = null;
      if (then) audio.addEventListener("ended", then, { once: true });
    }
  }

  function needPatron(then) {
    if (signedIn) return then();
    askCard(then);
    return undefined;
  }

  // -- menus: arrows move, each entry is read, Enter chooses ----------------------------------

  function drawMenu() {
    const menu = menus[menus.length - 1];
    list.replaceChildren();
    if (!menu) { list.hidden = true; return; }
    menu.entries.forEach((entry, index) => {
      const item = document.createElement("li");
      item.textContent = entry.say.text;
      if (index === menu.index) {
        item.className = "current";
        item.setAttribute("aria-current", "true");
      }
      list.appendChild(item);
    });
    list.hidden = false;
  }

  async function openMenu(url, onChoose) {
    const data = await call(url);
    if (data.needs_patron) { askCard(() => openMenu(url, onChoose)); return; }
    if (!data.entries || !data.entries.length) { speak(data.say); return; }
    menus.push({ entries: data.entries, index: -1, onChoose });
    mode = "menu";
    drawMenu();
    speak(data.say);
  }

  function closeMenus() {
    menus.length = 0;
    drawMenu();
    mode = "scan";
    field.focus();
  }

  function move(step) {
    const menu = menus[menus.length - 1];
    const next = menu.index + step;
    if (next < 0) { menu.index = 0; speak(prompts.top); drawMenu(); return; }
    if (next >= menu.entries.length) { speak(prompts.end); return; }
    menu.index = next;
    drawMenu();
    speak(menu.entries[next].say);
  }

  async function choose() {
    const menu = menus[menus.length - 1];
    const entry = menu.entries[menu.index];
    if (!entry) { move(1); return; }
    if (menu.onChoose) { await menu.onChoose(entry); return; }
    if (entry.menu) {
      const open = () => openMenu(entry.menu);
      if (entry.needs_patron && !signedIn) askCard(open);
      else await open();
    } else if (entry.open) {
      closeMenus();
      await openRecord(entry.open);
    } else if (entry.setting) {
      const result = await call(root.dataset.changeSetting, { post: { setting: entry.setting } });
      speak(result.say);
      if (result.reload) audio.addEventListener("ended", () => window.location.reload(), { once: true });
    }
  }

  function back() {
    menus.pop();
    drawMenu();
    if (!menus.length) { mode = "scan"; speak(prompts.cancelled); }
    else { const menu = menus[menus.length - 1]; speak(menu.entries[menu.index] ? menu.entries[menu.index].say : prompts.cancelled); }
  }

  function reserve() {
    if (!current) { speak(prompts.nothing); return undefined; }
    const record = current.record;
    return needPatron(() => openMenu(root.dataset.branches, async (entry) => {
      closeMenus();
      speak((await call(root.dataset.reserve, { post: { record, branch: entry.branch } })).say);
    }));
  }

  function command(key) {
    switch (key) {
      case "1": return tell("full");
      case "2": return tell("availability");
      case "3": return reserve();
      case "0": speak(last || prompts.welcome); return undefined;
      case "4": return openMenu(root.dataset.browse);
      case "5": return openMenu(root.dataset.settings);
      case "6": speak(prompts.help); return undefined;
      default: return undefined;
    }
  }

  // Keys act in the order they were pressed: a key pressed while a list is still loading
  // waits for it, so a quick listener (or a test) never moves in the list left behind.
  let chain = Promise.resolve();
  function queue(action) {
    chain = chain.then(action).catch(() => {});
  }

  function escape() {
    if (mode === "menu") back();
    else if (mode === "card" || mode === "pin") { backToScanning(); speak(prompts.cancelled); }
    else { field.value = ""; speak(prompts.stopped); }
  }

  const MENU_KEYS = {
    ArrowDown: () => move(1),
    ArrowUp: () => move(-1),
    ArrowRight: choose,
    Enter: choose,
    ArrowLeft: back,
    Home: () => { menus[menus.length - 1].index = -1; move(1); },
    End: () => { const m = menus[menus.length - 1]; m.index = m.entries.length - 2; move(1); },
  };

  function menuKey(key) {
    if (mode === "menu" && MENU_KEYS[key]) return MENU_KEYS[key]();
    return undefined;
  }

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    if (event.key === "Escape") {
      event.preventDefault();
      if (!stop()) queue(escape);
      return;
    }
    if (mode === "menu") {
      event.preventDefault();
      if (MENU_KEYS[event.key]) queue(() => menuKey(event.key));
      return;
    }
    if (mode !== "scan" || event.target !== field) return;
    if (pending && event.key.length === 1) {
      // A second key right after the first: a scanner is typing a code.
      window.clearTimeout(pending.timer);
      field.value = pending.key;
      pending = null;
      return; // the browser types this key after it
    }
    if (field.value === "" && COMMANDS.includes(event.key)) {
      event.preventDefault();
      const key = event.key;
      pending = {
        key,
        timer: window.setTimeout(() => { pending = null; queue(() => command(key)); }, SCANNER_GAP),
      };
    } else if (field.value === "" && event.key.startsWith("Arrow")) {
      // A list may be opening (key 4 or 5): the arrow is meant for it.
      event.preventDefault();
      queue(() => menuKey(event.key));
    }
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (pending) { window.clearTimeout(pending.timer); field.value = pending.key + field.value; pending = null; }
    const value = field.value.trim();
    if (mode === "card") {
      card = value;
      mode = "pin";
      field.value = "";
      field.type = "password";
      label.textContent = label.dataset.pin;
      speak(prompts.pin);
      return;
    }
    if (mode === "pin") { queue(() => signIn(value)); return; }
    field.value = "";
    queue(() => lookup(value));
  });

  // -- phones: the camera reads the barcode where the browser can ----------------------------

  const cameraButton = document.getElementById("camera");
  const video = document.getElementById("camera-view");
  if ("BarcodeDetector" in window && navigator.mediaDevices) {
    cameraButton.hidden = false;
    cameraButton.addEventListener("click", async () => {
      let stream;
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
      } catch (error) {
        speak(prompts.camera_missing);
        return;
      }
      const detector = new window.BarcodeDetector({ formats: ["ean_13", "code_128", "qr_code"] });
      video.srcObject = stream;
      video.hidden = false;
      await video.play();
      speak(prompts.camera_on);
      const scan = async () => {
        const codes = await detector.detect(video).catch(() => []);
        if (codes.length) {
          stream.getTracks().forEach((track) => track.stop());
          video.hidden = true;
          lookup(codes[0].rawValue);
        } else {
          window.setTimeout(scan, 300);
        }
      };
      scan();
    });
  }

  // A page served with a result (typed without JavaScript, or reloaded) keeps it in hand.
  const served = document.getElementById("kiosk-result");
  if (served) {
    const data = JSON.parse(served.textContent);
    if (data.record) current = { record: data.record, item: data.item || "" };
    last = data.say;
  } else {
    last = prompts.welcome;
    audio.src = prompts.welcome.audio;
    audio.play().catch(() => {});
  }
  field.focus();
})();
