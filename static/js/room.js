/*
 * A live peer room: the client side of docs/rooms.md.
 *
 * The page marks its room with data-room-socket (the websocket path).
 * Delivery (docs/rooms.md, "Delivery"): every visible message carries its
 * room's `seq` (1, 2, 3... with no gap). The client keeps a watermark: it
 * has every message up to it. It moves only one step at a time, or to what
 * a catch-up answer from the database says it covers; a message beyond the
 * next one (a gap: lost in the layer, reordered, or the sender's own echo
 * arriving before others' messages) is shown but the watermark waits, and
 * the client asks for what follows it (`replay`), page after page, until it
 * is caught up. Ids already shown are remembered, so nothing shows twice.
 * The page opens on the newest page (`history`); "Earlier messages" loads
 * older ones. Each send carries a client id: the server acknowledges it
 * (`ack`) or refuses it (`error`, and the text goes back in the box); one
 * with no answer within ACK_TIMEOUT_MS is shown as not sent, with Retry,
 * and a retry is stored once. The socket reconnects by itself with
 * exponential backoff, except after the member was removed, the session
 * ended, or the page is going (Quick exit).
 */
(function () {
  "use strict";

  var FIRST_DELAY_MS = 1000;
  var MAX_DELAY_MS = 30000;
  var STABLE_MS = 30000;
  var BODY_MAX = 2000;
  var MUTE_MINUTES = [5, 15, 60];
  var ACK_TIMEOUT_MS = 5000;
  // Close codes after which trying again cannot help (docs/rooms.md).
  var FINAL_CLOSE = { 4001: "You are signed out. Log in again to come back to this room.",
                      4004: "This room is not open to you.",
                      4003: "You can't join this room right now." };

  var room = document.querySelector("[data-room-socket]");
  if (!room) { return; }

  var path = room.getAttribute("data-room-socket");
  var messagesList = document.getElementById("room-messages");
  var presenceList = document.getElementById("room-presence");
  var form = document.getElementById("room-form");
  var textarea = document.getElementById("room-body");
  var sendButton = document.getElementById("room-send");
  var errorBox = document.getElementById("room-error");
  var mutedBox = document.getElementById("room-muted");
  var statusLine = document.getElementById("room-status");
  var settingsLine = document.getElementById("room-settings");
  var connectionLine = document.getElementById("room-connection");
  var helpBox = document.getElementById("room-help");
  var hostAlerts = document.getElementById("host-alerts");
  var heldList = document.getElementById("room-held");
  var heldHeading = document.getElementById("room-held-heading");
  var slowModeSelect = document.getElementById("room-slow-mode");
  var lockButton = document.getElementById("room-lock");
  var endButton = document.getElementById("room-end");

  var me = Number(room.getAttribute("data-me")) || 0;
  var isHost = room.getAttribute("data-host") === "1";
  var initialStatus = room.getAttribute("data-status");
  var shown = new Set();      // ids of messages on screen (or once shown, then removed)
  var watermark = -1;         // every visible message with seq up to this is shown; -1: nothing asked yet
  var ahead = new Set();      // seqs shown beyond watermark + 1, waiting for the gap below them to fill
  var catchingUp = false;     // a replay or the first history page is on its way
  var firstSeq = 0;           // the oldest seq on screen: "Earlier messages" asks for those before it
  var alertsSeen = new Set(); // crisis alerts shown (or dismissed) on this page, by escalation id
  var pending = new Map();    // client id -> {body, timer, item}: sent, not yet acknowledged
  var socket = null;
  var attempt = 0;
  var openedAt = 0;
  var retryTimer = null;
  var mutedTimer = null;
  var stopped = false;        // removed, ended or refused: never reconnect by itself
  var leaving = false;        // the page is going (Quick exit, navigation)
  var ended = false;
  var mutedUntil = 0;
  var people = [];

  // --- Small helpers ---------------------------------------------------------

  function backoffDelay(n) {
    var base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * Math.pow(2, n));
    return Math.min(MAX_DELAY_MS, Math.round(base * (0.8 + Math.random() * 0.4)));
  }

  function socketUrl() {
    return (window.location.protocol === "https:" ? "wss://" : "ws://") + window.location.host + path;
  }

  function element(tag, className, text) {
    var made = document.createElement(tag);
    if (className) { made.className = className; }
    if (text !== undefined && text !== null) { made.textContent = String(text); }
    return made;
  }

  function button(text, label, onClick, className) {
    var made = element("button", className || "small", text);
    made.type = "button";
    if (label) { made.setAttribute("aria-label", label); }
    made.addEventListener("click", onClick);
    return made;
  }

  function clockTime(iso) {
    var when = new Date(iso);
    if (isNaN(when.getTime())) { return ""; }
    return when.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  function timeElement(iso) {
    var time = element("time", "", clockTime(iso));
    time.setAttribute("datetime", iso);
    return time;
  }

  function isId(value) {
    return typeof value === "number" && isFinite(value) && value > 0;
  }

  function send(frame) {
    if (!socket || socket.readyState !== window.WebSocket.OPEN) {
      showError("Not connected right now. Lantern is trying again; please wait a moment.");
      return false;
    }
    socket.send(JSON.stringify(frame));
    return true;
  }

  function showError(text) {
    errorBox.textContent = text;
    errorBox.hidden = !text;
  }

  function setConnection(text) {
    if (connectionLine) { connectionLine.textContent = text; }
  }

  // --- The form ----------------------------------------------------------------

  function updateForm() {
    var open = Boolean(socket && socket.readyState === window.WebSocket.OPEN);
    var muted = mutedUntil > Date.now();
    var usable = open && !ended && !muted && !stopped && !leaving;
    textarea.disabled = !usable;
    sendButton.disabled = !usable;
  }

  function newClientId() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  // One send, first try or retry: same client id, so the server stores it once.
  function sendPending(clientId) {
    var entry = pending.get(clientId);
    if (!entry) { return false; }
    window.clearTimeout(entry.timer);
    if (!send({ type: "send", body: entry.body, client_id: clientId })) { return false; }
    entry.timer = window.setTimeout(function () { showNotSent(clientId); }, ACK_TIMEOUT_MS);
    return true;
  }

  function submitMessage(event) {
    event.preventDefault();
    var body = textarea.value;
    if (!body.trim()) { showError("Write something first."); return; }
    if (body.length > BODY_MAX) { showError("A message is at most 2,000 characters."); return; }
    var clientId = newClientId();
    pending.set(clientId, { body: body, timer: null, item: null });
    if (sendPending(clientId)) {
      showError("");
      textarea.value = "";
      textarea.focus();
    } else {
      pending.delete(clientId);
    }
  }

  // No answer in time: the text stays on screen, marked not sent, with Retry.
  function showNotSent(clientId) {
    var entry = pending.get(clientId);
    if (!entry || entry.item) { return; }
    var item = element("li", "room-message not-sent");
    item.appendChild(element("p", "room-message-body", entry.body));
    var line = element("p", "hint", "Not sent yet. ");
    line.appendChild(button("Retry", "Send this message again", function () {
      if (sendPending(clientId)) { line.firstChild.textContent = "Sending… "; }
    }, "small"));
    item.appendChild(line);
    entry.item = item;
    messagesList.appendChild(item);
    messagesList.scrollTop = messagesList.scrollHeight;
  }

  function settled(clientId) {
    var entry = pending.get(clientId);
    if (!entry) { return null; }
    window.clearTimeout(entry.timer);
    if (entry.item) { entry.item.remove(); }
    pending.delete(clientId);
    return entry;
  }

  // Refused: the text goes back in the box (unless something new is being written there).
  function refused(clientId) {
    var entry = settled(clientId);
    if (entry && !textarea.value) { textarea.value = entry.body; }
  }

  function onKeyDown(event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      if (!sendButton.disabled) { form.requestSubmit ? form.requestSubmit(sendButton) : submitMessage(event); }
    }
  }

  // --- Messages ----------------------------------------------------------------

  // Keeps the view at the newest message, unless the person scrolled up to read.
  function nearBottom() {
    return messagesList.scrollHeight - messagesList.scrollTop - messagesList.clientHeight < 80;
  }

  function placeInOrder(list, item, id) {
    var later = null;
    var items = list.querySelectorAll("li[data-id]");
    for (var i = items.length - 1; i >= 0; i -= 1) {
      if (Number(items[i].getAttribute("data-id")) > id) { later = items[i]; } else { break; }
    }
    list.insertBefore(item, later);
  }

  function removeMessageElements(id) {
    Array.prototype.forEach.call(document.querySelectorAll('li[data-id="' + id + '"]'), function (item) {
      item.remove();
    });
  }

  function messageItem(id, author, authorId, body, createdAt) {
    var item = element("li", "room-message");
    item.setAttribute("data-id", String(id));
    if (authorId && authorId === me) { item.classList.add("mine"); }
    var meta = element("p", "room-message-meta");
    meta.appendChild(element("span", "room-author", author || "former member"));
    if (createdAt) { meta.appendChild(document.createTextNode(" ")); meta.appendChild(timeElement(createdAt)); }
    item.appendChild(meta);
    item.appendChild(element("p", "room-message-body", body));
    return item;
  }

  function addDeleteButton(item, id, author) {
    if (!isHost || item.querySelector(".room-delete")) { return; }
    var label = "Delete message from " + (author || "former member");
    var resetTimer = null;
    // Two steps: the first press asks, the second deletes; left alone, it asks again later.
    var remove = button("Delete", label, function () {
      if (remove.getAttribute("data-confirming") !== "1") {
        remove.setAttribute("data-confirming", "1");
        remove.textContent = "Delete for everyone?";
        remove.setAttribute("aria-label", "Confirm: delete message from " + (author || "former member") + " for everyone");
        resetTimer = window.setTimeout(function () {
          remove.removeAttribute("data-confirming");
          remove.textContent = "Delete";
          remove.setAttribute("aria-label", label);
        }, 6000);
        return;
      }
      window.clearTimeout(resetTimer);
      send({ type: "delete", message: id });
    }, "small secondary room-delete");
    item.querySelector(".room-message-meta").appendChild(remove);
  }

  // Anyone can report someone else's message, "I'm worried about this person" included.
  function addReportLink(item, id, authorId) {
    if (authorId === me || item.querySelector(".room-report")) { return; }
    var link = element("a", "room-report", "Report");
    link.href = "/rooms/messages/" + id + "/report/";
    item.querySelector(".room-message-meta").appendChild(document.createTextNode(" "));
    item.querySelector(".room-message-meta").appendChild(link);
  }

  // The sender's own message back is as good as its ack (which may be lost with a connection).
  function settleEcho(body) {
    var found = null;
    pending.forEach(function (entry, clientId) { if (found === null && entry.body === body) { found = clientId; } });
    if (found !== null) { settled(found); }
  }

  function showMessage(frame) {
    if (!isId(frame.id)) { return; }
    if (isId(frame.seq)) { advance(frame.seq); }
    if (frame.author_id === me && me) { settleEcho(frame.body); }
    if (shown.has(frame.id)) { return; }
    shown.add(frame.id);
    removeMessageElements(frame.id);  // it was held and is now approved
    var follow = nearBottom();
    var item = messageItem(frame.id, frame.author, frame.author_id, frame.body, frame.created_at);
    addDeleteButton(item, frame.id, frame.author);
    addReportLink(item, frame.id, frame.author_id);
    placeInOrder(messagesList, item, frame.id);
    if (follow) { messagesList.scrollTop = messagesList.scrollHeight; }
    updateHeldHeading();
  }

  function showNotice(text) {
    var item = element("li", "room-notice", text);
    messagesList.appendChild(item);
    messagesList.scrollTop = messagesList.scrollHeight;
  }

  function showOwnHeld(frame) {
    if (!isId(frame.id) || shown.has(frame.id)) { return; }
    removeMessageElements(frame.id);
    var item = messageItem(frame.id, "You", me, frame.body, null);
    item.classList.add("held");
    item.appendChild(element("p", "hint", "Only you and the hosts can see this for now. " + (frame.reason || "")));
    placeInOrder(messagesList, item, frame.id);
    messagesList.scrollTop = messagesList.scrollHeight;
  }

  function updateHeldHeading() {
    if (heldHeading) { heldHeading.hidden = !heldList.querySelector("li"); }
  }

  // The reason is written for the author (moderation/api.py, peers/chat.py); a host reads what it means for them.
  var HOST_WORDS = [
    ["We are holding this for a moment so our crisis team", "Held: it reads as a crisis. Crisis staff have an escalation; approve only once you have looked."],
    ["Contact details and invitations", "Held: contact details or an invitation to talk elsewhere."],
    ["This is waiting for a moderator", "Held: a watched word; a moderator will look too."],
    ["Welcome! While you are new", "Held: a newcomer's link or first post here."],
    ["Messages in this room wait for the host", "Waiting for your approval: this room is pre-moderated."]
  ];

  function hostWords(reason) {
    for (var i = 0; i < HOST_WORDS.length; i += 1) {
      if (reason.indexOf(HOST_WORDS[i][0]) === 0) { return HOST_WORDS[i][1]; }
    }
    return "Held: " + reason;
  }

  function showHeld(frame) {
    if (!isHost || !heldList || !isId(frame.id) || shown.has(frame.id)) { return; }
    removeMessageElements(frame.id);
    var item = messageItem(frame.id, frame.author, frame.author_id, frame.body, null);
    item.classList.add("held");
    if (frame.reason) { item.appendChild(element("p", "hint", hostWords(frame.reason))); }
    var actions = element("div", "actions");
    actions.appendChild(button("Approve", "Approve message from " + frame.author, function () {
      send({ type: "approve", message: frame.id });
    }, "small"));
    actions.appendChild(button("Reject", "Reject message from " + frame.author, function () {
      send({ type: "reject", message: frame.id });
    }, "small secondary"));
    item.appendChild(actions);
    placeInOrder(heldList, item, frame.id);
    updateHeldHeading();
  }

  // --- Delivery: the watermark (docs/rooms.md, "Delivery") -------------------------

  function absorb() {
    ahead.forEach(function (seq) { if (seq <= watermark) { ahead.delete(seq); } });
    while (ahead.has(watermark + 1)) { ahead.delete(watermark + 1); watermark += 1; }
  }

  // A message with this seq is on screen now.
  function advance(seq) {
    if (watermark < 0 || seq <= watermark) {
      if (watermark < 0) { ahead.add(seq); }
      return;
    }
    if (seq === watermark + 1) { watermark = seq; absorb(); }
    else { ahead.add(seq); }
    if (ahead.size) { catchUp(); }
  }

  // Ask for what follows the watermark, unless an answer is already on its way.
  function catchUp() {
    if (catchingUp || !socket || socket.readyState !== window.WebSocket.OPEN) { return; }
    catchingUp = true;
    if (watermark < 0) {
      socket.send(JSON.stringify({ type: "history", before: 0 }));
    } else {
      socket.send(JSON.stringify({ type: "replay", after: watermark }));
    }
  }

  function caughtUp(covered, more) {
    if (isId(covered) || covered === 0) { watermark = Math.max(watermark, covered); }
    absorb();
    catchingUp = false;
    if (more || ahead.size) { catchUp(); return; }
    messagesList.removeAttribute("aria-busy");
    setConnection("");
  }

  function showEarlierControl(earlier) {
    var control = document.getElementById("room-earlier");
    if (!earlier) { if (control) { control.remove(); } return; }
    if (control) { control.disabled = false; return; }
    control = button("Earlier messages", "Show earlier messages", function () {
      if (send({ type: "history", before: firstSeq })) { control.disabled = true; }
    }, "small secondary");
    control.id = "room-earlier";
    messagesList.parentNode.insertBefore(control, messagesList);
  }

  function historyPage(frame) {
    if (typeof frame.first_seq === "number") {
      firstSeq = firstSeq ? Math.min(firstSeq, frame.first_seq) : frame.first_seq;
    }
    showEarlierControl(Boolean(frame.earlier));
    if (frame.before === 0) { caughtUp(frame.head, false); }
  }

  // --- Presence ------------------------------------------------------------------

  function hostsPresent() {
    return people.some(function (person) { return person.host; });
  }

  function setStatus(status, text) {
    statusLine.textContent = text;
    statusLine.className = "room-status status-" + status;
  }

  function updateStatus() {
    if (ended) {
      setStatus("closed", "This room has closed.");
    } else if (hostsPresent()) {
      setStatus("live", "Live now");
    } else if (initialStatus !== "scheduled") {
      setStatus("waiting", "Waiting for the host");
    }
  }

  function memberControls(person) {
    var controls = element("div", "member-controls");
    MUTE_MINUTES.forEach(function (minutes) {
      controls.appendChild(button("Mute " + minutes + " min", "Mute " + person.pseudonym + " for " + minutes + " minutes", function () {
        send({ type: "mute", member: person.id, minutes: minutes });
      }, "small secondary"));
    });
    controls.appendChild(button("Remove", "Remove " + person.pseudonym, function () {
      send({ type: "remove", member: person.id, bar: false });
    }, "small danger"));
    controls.appendChild(button("Remove and bar", "Remove and bar " + person.pseudonym, function () {
      if (window.confirm("Remove " + person.pseudonym + " and keep them out of your rooms from now on?")) {
        send({ type: "remove", member: person.id, bar: true });
      }
    }, "small danger"));
    return controls;
  }

  function showPresence(members) {
    people = Array.isArray(members) ? members.filter(function (person) {
      return person && isId(person.id) && typeof person.pseudonym === "string";
    }) : [];
    presenceList.replaceChildren();
    people.forEach(function (person) {
      var item = element("li", person.host ? "host" : "");
      item.setAttribute("data-member", String(person.id));
      item.appendChild(element("span", "room-person", person.pseudonym));
      if (person.host) { item.appendChild(element("span", "badge", "host")); }
      if (person.id === me) { item.appendChild(element("span", "badge", "you")); }
      if (isHost && !person.host && person.id !== me) { item.appendChild(memberControls(person)); }
      presenceList.appendChild(item);
    });
    if (!people.length) { presenceList.appendChild(element("li", "hint", "Nobody else is here yet.")); }
    updateStatus();
  }

  // --- Room state --------------------------------------------------------------

  function slowModeWords(seconds) {
    if (!seconds) { return ""; }
    if (seconds < 60) { return seconds + (seconds === 1 ? " second" : " seconds"); }
    return (seconds / 60) + (seconds === 60 ? " minute" : " minutes");
  }

  function showState(frame) {
    if (typeof frame.me === "number") { me = frame.me; }
    if (typeof frame.title === "string" && frame.title) {
      document.getElementById("room-title").textContent = frame.title;
    }
    if (typeof frame.is_host === "boolean" && frame.is_host !== isHost && document.getElementById("host-panel")) {
      isHost = frame.is_host;
      showPresence(people);
    }
    var notes = [];
    if (frame.slow_mode_seconds) { notes.push("Slow mode: one message every " + slowModeWords(frame.slow_mode_seconds) + "."); }
    if (frame.locked) { notes.push("The room is locked: nobody new can come in."); }
    settingsLine.textContent = notes.join(" ");
    settingsLine.hidden = !notes.length;
    if (slowModeSelect && typeof frame.slow_mode_seconds === "number") { slowModeSelect.value = String(frame.slow_mode_seconds); }
    if (lockButton && typeof frame.locked === "boolean") {
      lockButton.setAttribute("aria-pressed", frame.locked ? "true" : "false");
      lockButton.textContent = frame.locked ? "Unlock the room" : "Lock the room";
    }
    if (frame.ended) { endRoom(); }
    updateStatus();
  }

  function endRoom() {
    ended = true;
    stopped = true;
    window.clearTimeout(retryTimer);
    form.hidden = true;
    var panel = document.getElementById("host-panel");
    if (panel) { panel.hidden = true; }
    setConnection("This room has closed.");
    updateForm();
  }

  function showMuted(until) {
    var when = new Date(until).getTime();
    if (isNaN(when)) { return; }
    mutedUntil = when;
    mutedBox.textContent = "A host has paused your messages until " + clockTime(until) + ". You can still read along.";
    mutedBox.hidden = false;
    window.clearTimeout(mutedTimer);
    mutedTimer = window.setTimeout(function () {
      mutedUntil = 0;
      mutedBox.hidden = true;
      updateForm();
    }, Math.max(0, when - Date.now()) + 500);
    updateForm();
  }

  function showRemoved() {
    stopped = true;
    window.clearTimeout(retryTimer);
    form.hidden = true;
    setConnection("");
    var notice = element("p", "notice removed", "You were removed from this room by the host.");
    notice.setAttribute("role", "alert");
    room.insertBefore(notice, messagesList);
    updateForm();
  }

  function telHref(phone) {
    return "tel:" + String(phone).replace(/[^0-9+]/g, "");
  }

  function textOf(value) {
    return typeof value === "string" ? value : "";
  }

  // The words come from the server (moderation/crisis_help.py): whether crisis staff are on duty
  // and told is said before the hotlines when they are, after them (hotlines first) when not.
  function showHelp(frame) {
    var box = element("section", "help-now");
    box.setAttribute("role", "alert");
    box.setAttribute("aria-labelledby", "room-help-heading");
    var heading = element("h2", "", textOf(frame.heading) || "You don't have to face this alone.");
    heading.id = "room-help-heading";
    box.appendChild(heading);
    var whoKnows = textOf(frame.who_knows);
    if (whoKnows && frame.on_duty === true) { box.appendChild(element("p", "", whoKnows)); }
    if (textOf(frame.text)) { box.appendChild(element("p", "", frame.text)); }
    var list = element("ul");
    (Array.isArray(frame.resources) ? frame.resources : []).forEach(function (resource) {
      if (!resource || !resource.name) { return; }
      var item = element("li");
      item.appendChild(element("strong", "", resource.name));
      if (resource.phone) {
        item.appendChild(document.createTextNode(": call "));
        var link = element("a", "", resource.phone);
        link.href = telHref(resource.phone);
        item.appendChild(link);
      }
      if (resource.text) { item.appendChild(document.createTextNode(", text " + resource.text)); }
      list.appendChild(item);
    });
    box.appendChild(list);
    if (whoKnows && frame.on_duty !== true) { box.appendChild(element("p", "", whoKnows)); }
    var more = element("a", "", "More about each of these");
    more.href = room.getAttribute("data-help-url") || "/help/";
    var moreLine = element("p");
    moreLine.appendChild(more);
    box.appendChild(moreLine);
    helpBox.replaceChildren(box);
    box.scrollIntoView({ block: "nearest" });
  }

  function showAlert(frame) {
    if (!hostAlerts || (isId(frame.id) && alertsSeen.has(frame.id))) { return; }
    if (isId(frame.id)) { alertsSeen.add(frame.id); }
    var alert = element("div", "room-alert");
    alert.setAttribute("role", "alert");
    alert.appendChild(element("strong", "", "Crisis signal from " + (frame.author || "a member") +
      (frame.risk ? " (" + frame.risk + ")" : "") + "."));
    alert.appendChild(document.createTextNode(frame.on_duty === true
      ? " Our crisis team is on duty and has been told. Stay with them in the room and keep it calm."
      : " No one from our crisis team is on duty right now; they will see it when they next are. Stay with them," +
        " keep it calm, and point them to the hotlines on Get help."));
    alert.appendChild(button("Dismiss", "Dismiss this alert", function () { alert.remove(); }, "small secondary"));
    hostAlerts.appendChild(alert);
  }

  // --- The socket ----------------------------------------------------------------

  var handlers = {
    state: showState,
    message: showMessage,
    replayed: function (frame) { caughtUp(frame.last_seq, Boolean(frame.more)); },
    history_page: historyPage,
    // The room's newest seq, now and then: a client that lost the last messages asks for them.
    head: function (frame) { if (isId(frame.seq) && watermark >= 0 && frame.seq > watermark) { catchUp(); } },
    // The channel layer was down and lost what it carried meanwhile.
    resync: function () { catchUp(); },
    ack: function (frame) { if (typeof frame.client_id === "string") { settled(frame.client_id); } },
    presence: function (frame) { showPresence(frame.members); },
    notice: function (frame) { if (frame.text) { showNotice(frame.text); } },
    message_removed: function (frame) {
      if (!isId(frame.id)) { return; }
      shown.add(frame.id);
      removeMessageElements(frame.id);
      updateHeldHeading();
    },
    own_held: showOwnHeld,
    held: showHeld,
    help: showHelp,
    alert: showAlert,
    muted: function (frame) { showMuted(frame.until); },
    removed: showRemoved,
    error: function (frame) {
      showError(frame.error || "That didn't work.");
      if (typeof frame.client_id === "string") { refused(frame.client_id); }
    }
  };

  function onMessage(event) {
    var frame;
    try { frame = JSON.parse(event.data); } catch (ignored) { return; }
    if (!frame || typeof frame !== "object" || !Object.prototype.hasOwnProperty.call(handlers, frame.type)) { return; }
    handlers[frame.type](frame);
  }

  function scheduleReconnect() {
    if (stopped || leaving || retryTimer) { return; }
    if (openedAt && Date.now() - openedAt >= STABLE_MS) { attempt = 0; }
    openedAt = 0;
    var delay = backoffDelay(attempt);
    attempt += 1;
    setConnection("Connection lost. Trying again in " + Math.ceil(delay / 1000) + " s…");
    retryTimer = window.setTimeout(function () {
      retryTimer = null;
      connect();
    }, delay);
  }

  function offerRetry(text) {
    setConnection(text + " ");
    var again = button("Try again", null, function () {
      stopped = false;
      attempt = 0;
      again.remove();
      connect();
    }, "small secondary");
    connectionLine.appendChild(again);
  }

  function onClose(event) {
    socket = null;
    catchingUp = false;
    messagesList.removeAttribute("aria-busy");
    updateForm();
    if (stopped || leaving) { return; }
    if (Object.prototype.hasOwnProperty.call(FINAL_CLOSE, event.code)) {
      stopped = true;
      var text = event.reason || FINAL_CLOSE[event.code];
      if (event.code === 4003) { offerRetry(text); } else { setConnection(text); }
      return;
    }
    scheduleReconnect();
  }

  function connect() {
    if (stopped || leaving) { return; }
    setConnection("Connecting…");
    try {
      socket = new window.WebSocket(socketUrl());
    } catch (ignored) {
      socket = null;
      scheduleReconnect();
      return;
    }
    var current = socket;
    current.addEventListener("open", function () {
      openedAt = Date.now();
      // Missed messages arrive in a burst: screen readers wait for the end of it.
      messagesList.setAttribute("aria-busy", "true");
      catchingUp = false;
      catchUp();
      showError("");
      updateForm();
    });
    current.addEventListener("message", function (event) {
      if (current === socket) { onMessage(event); }
    });
    current.addEventListener("close", function (event) {
      if (current === socket) { onClose(event); }
    });
  }

  // --- Host tools ------------------------------------------------------------------

  if (slowModeSelect) {
    slowModeSelect.addEventListener("change", function () {
      send({ type: "slow_mode", seconds: Number(slowModeSelect.value) });
    });
  }
  if (lockButton) {
    lockButton.addEventListener("click", function () {
      send({ type: "lock", locked: lockButton.getAttribute("aria-pressed") !== "true" });
    });
  }
  if (endButton) {
    endButton.addEventListener("click", function () {
      if (window.confirm("End this session for everyone? The room will close.")) { send({ type: "end" }); }
    });
  }

  form.addEventListener("submit", submitMessage);
  textarea.addEventListener("keydown", onKeyDown);

  // Quick exit and ordinary navigation: no reconnecting from a page that is going.
  window.addEventListener("pagehide", function () {
    leaving = true;
    window.clearTimeout(retryTimer);
    retryTimer = null;
    if (socket) { socket.close(); }
  });
  // Back to a page kept in the browser's cache: carry on where it left off.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted || !leaving) { return; }
    leaving = false;
    if (!stopped) { attempt = 0; connect(); }
  });

  connect();
  window.LanternRoom = { shown: shown, watermark: function () { return watermark; }, pending: pending };
}());
