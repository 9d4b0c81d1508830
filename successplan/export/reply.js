(function () {
  "use strict";
  // The customer's side of the plan: live boxes, comment boxes, and a reply to send back.
  // No network: the reply is a file the browser saves, or text the customer pastes.
  var main = document.querySelector("main[data-customer]");
  if (!main) {
    return;
  }
  var boxes = Array.prototype.slice.call(document.querySelectorAll("input.step-box"));
  var status = document.getElementById("reply-status");
  var replyText = document.getElementById("reply-text");

  boxes.forEach(function (box) {
    box.disabled = false;
    box.addEventListener("change", function () {
      var step = box.closest("li");
      if (step) {
        step.classList.toggle("changed", box.checked !== (box.dataset.was === "done"));
      }
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-reply-only]"), function (part) {
    part.hidden = false;
  });

  function commentOf(box) {
    var field = document.getElementById("comment-" + box.dataset.step);
    return field ? field.value.trim() : "";
  }

  function reply() {
    var steps = [];
    boxes.forEach(function (box) {
      var now = box.checked ? "done" : "open";
      var comment = commentOf(box);
      if (now !== box.dataset.was || comment) {
        steps.push({
          kind: box.dataset.kind,
          id: box.dataset.id,
          was: box.dataset.was,
          now: now,
          text: box.dataset.text,
          digest: box.dataset.digest,
          comment: comment
        });
      }
    });
    var data = {
      format: "successplan-reply",
      version: 1,
      customer: main.dataset.customer,
      plan_version: main.dataset.planVersion ? parseInt(main.dataset.planVersion, 10) : null,
      exported: main.dataset.exported,
      audience: main.dataset.audience,
      steps: steps,
      comment: document.getElementById("plan-comment").value.trim()
    };
    // Over the reply as it is before the fingerprint is added.
    data.fingerprint = sha256(canonical(data)).slice(0, 16);
    return data;
  }

  // JSON as Python's json.dumps(sort_keys=True, separators=(",", ":")) writes it.
  function quote(text) {
    return JSON.stringify(text).replace(/[\u007f-\uffff]/g, function (c) {
      return "\\u" + ("0000" + c.charCodeAt(0).toString(16)).slice(-4);
    });
  }

  function canonical(value) {
    if (value === null) {
      return "null";
    }
    if (Array.isArray(value)) {
      return "[" + value.map(canonical).join(",") + "]";
    }
    if (typeof value === "object") {
      return "{" + Object.keys(value).sort().map(function (key) {
        return quote(key) + ":" + canonical(value[key]);
      }).join(",") + "}";
    }
    return typeof value === "string" ? quote(value) : String(value);
  }

  // SHA-256 of an ASCII string (the canonical JSON is ASCII), as hex.
  function sha256(ascii) {
    function rotate(value, by) {
      return (value >>> by) | (value << (32 - by));
    }
    var k = [];
    var h = [];
    var primes = [];
    for (var n = 2; primes.length < 64; n++) {
      if (primes.every(function (p) { return n % p; })) {
        primes.push(n);
      }
    }
    primes.forEach(function (p, i) {
      k[i] = ((Math.pow(p, 1 / 3) % 1) * 4294967296) | 0;
      if (i < 8) {
        h[i] = ((Math.pow(p, 1 / 2) % 1) * 4294967296) | 0;
      }
    });
    var bytes = [];
    var i;
    for (i = 0; i < ascii.length; i++) {
      bytes.push(ascii.charCodeAt(i) & 255);
    }
    var bits = bytes.length * 8;
    bytes.push(0x80);
    while (bytes.length % 64 !== 56) {
      bytes.push(0);
    }
    for (i = 7; i >= 0; i--) {
      bytes.push(i > 3 ? 0 : (bits >>> (i * 8)) & 255);
    }
    var w = [];
    for (var start = 0; start < bytes.length; start += 64) {
      for (i = 0; i < 16; i++) {
        var at = start + 4 * i;
        w[i] = (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
      }
      for (i = 16; i < 64; i++) {
        var s0 = rotate(w[i - 15], 7) ^ rotate(w[i - 15], 18) ^ (w[i - 15] >>> 3);
        var s1 = rotate(w[i - 2], 17) ^ rotate(w[i - 2], 19) ^ (w[i - 2] >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
      for (i = 0; i < 64; i++) {
        var t1 = (hh + (rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)) +
          ((e & f) ^ (~e & g)) + k[i] + w[i]) | 0;
        var t2 = ((rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)) +
          ((a & b) ^ (a & c) ^ (b & c))) | 0;
        hh = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
      }
      h = [h[0] + a, h[1] + b, h[2] + c, h[3] + d, h[4] + e, h[5] + f, h[6] + g, h[7] + hh];
      h = h.map(function (v) { return v | 0; });
    }
    return h.map(function (v) {
      return ("00000000" + (v >>> 0).toString(16)).slice(-8);
    }).join("");
  }

  function armored(data) {
    var encoded = btoa(canonical(data));
    var lines = ["-----BEGIN SUCCESSPLAN REPLY-----"];
    for (var at = 0; at < encoded.length; at += 64) {
      lines.push(encoded.slice(at, at + 64));
    }
    lines.push("-----END SUCCESSPLAN REPLY-----");
    return lines.join("\n");
  }

  function readable(data) {
    var lines = ["My reply to: " + document.title, ""];
    var groups = [["done", "Done:"], ["open", "Not done after all:"]];
    groups.forEach(function (group) {
      var steps = data.steps.filter(function (step) {
        return step.now === group[0] && step.now !== step.was;
      });
      if (steps.length) {
        lines.push(group[1]);
        steps.forEach(function (step) { lines.push("- " + step.text); });
        lines.push("");
      }
    });
    var comments = data.steps.filter(function (step) { return step.comment; });
    if (comments.length || data.comment) {
      lines.push("Comments:");
      comments.forEach(function (step) {
        lines.push("- On \u201c" + step.text + "\u201d: " + step.comment);
      });
      if (data.comment) {
        lines.push("- On the whole plan: " + data.comment);
      }
      lines.push("");
    }
    lines.push("(The block below lets us update the plan: please keep it as it is.)");
    return lines.join("\n");
  }

  function say(message) {
    status.textContent = message;
  }

  document.getElementById("save-reply").addEventListener("click", function () {
    var data = reply();
    var blob = new Blob([JSON.stringify(data, null, 2) + "\n"], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = main.dataset.replyFile;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () {
      URL.revokeObjectURL(link.href);
      link.remove();
    }, 1000);
    say("Saved " + main.dataset.replyFile + " (look in your downloads): attach it to an " +
      "email to us.");
  });

  document.getElementById("copy-reply").addEventListener("click", function () {
    var data = reply();
    var text = readable(data) + "\n\n" + armored(data) + "\n";
    replyText.value = text;
    replyText.hidden = false;
    replyText.focus();
    replyText.select();
    var copied = "Copied: paste it into an email to us.";
    var byHand = "Select the text below, copy it and paste it into an email to us.";
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { say(copied); }, function () {
        say(document.execCommand && document.execCommand("copy") ? copied : byHand);
      });
    } else {
      say(document.execCommand && document.execCommand("copy") ? copied : byHand);
    }
  });
})();
