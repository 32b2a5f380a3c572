// Load script of the support Socket.IO benchmark (issue 9): opens many socket.io-client 4.x connections in this one
// Node process, makes them join a support room or the dashboard, sends paced messages and times every delivery.
// Driven by io.switchboard.bench.support.SupportBenchmark, which starts the server, mints the tokens and writes the
// plan; can also be run by hand against a running server:
//   node load.js plan.json
// plan: {url, connectConcurrency, joinConcurrency, timeoutMs, phases: [
//   {name, kind: "room", conversationId, members: [{userId, role, token}], senders: [member index], messages, warmup, rate}
//   {name, kind: "dashboard", subscribers: [{userId, role, token}], sender: {userId, role, token}, conversationId,
//    messages, warmup, rate, created, createdPrefix} ]}
// Out, one JSON object a line on stdout:
//   {kind: "log", message}
//   {kind: "setup", phase, step: "connect"|"join", count, failed, ms, errors: [first few]}
//   {kind: "sample", phase, event, index, warmup, sender, emitLagMs, ackMs, ackError, deliveriesMs: [per receiver,
//    null when missing], duplicates}
//   {kind: "phase-end", phase, unmatched, late, disconnects, eventLoopDelayMs: {p50, p99, max}}
//     (late: receipts after the message's timeout; unmatched: of messages this run did not send)
//   {kind: "done"} or {kind: "fatal", message}
// Every time is performance.now() of this process: the emit and every receipt are read from the same clock.
'use strict';
const fs = require('fs');
const {performance, monitorEventLoopDelay} = require('perf_hooks');
const {io} = require('socket.io-client');

const plan = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const out = (line) => process.stdout.write(JSON.stringify(line) + '\n');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (ms) => Math.round(ms * 1000) / 1000;
const TIMEOUT = plan.timeoutMs || 10000;

/** Runs fn over items with at most `limit` at a time; resolves to the results in order. */
async function pool(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const workers = Array.from({length: Math.min(limit, items.length)}, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  });
  await Promise.all(workers);
  return results;
}

function connect(user, counters) {
  return new Promise((resolve) => {
    const socket = io(plan.url, {
      auth: {token: user.token},
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: TIMEOUT,
    });
    const timer = setTimeout(() => {
      socket.close();
      resolve({error: 'no connect within ' + TIMEOUT + ' ms'});
    }, TIMEOUT + 1000);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.on('disconnect', (reason) => {
        if (!socket.benchClosing) {
          counters.disconnects++;
          out({kind: 'log', message: user.userId + ' disconnected: ' + reason});
        }
      });
      resolve({socket});
    });
    socket.once('connect_error', (error) => {
      clearTimeout(timer);
      socket.close();
      resolve({error: String(error && error.message || error)});
    });
  });
}

function emitWithAck(socket, event, data) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({error: 'no ack within ' + TIMEOUT + ' ms'}), TIMEOUT);
    const send = (ack) => {
      clearTimeout(timer);
      resolve(ack && ack.success === false ? {error: ack.error} : {ack});
    };
    if (data === undefined) {
      socket.emit(event, send);
    } else {
      socket.emit(event, data, send);
    }
  });
}

/** Connects every user (bounded concurrency); reports and fails when any could not connect. */
async function connectAll(phase, users, counters) {
  const started = performance.now();
  const results = await pool(users, plan.connectConcurrency || 20, (user) => connect(user, counters));
  const errors = results.filter((r) => r.error).map((r) => r.error);
  out({kind: 'setup', phase: phase.name, step: 'connect', count: users.length, failed: errors.length,
    ms: round(performance.now() - started), errors: errors.slice(0, 5)});
  if (errors.length) {
    results.filter((r) => r.socket).forEach((r) => r.socket.close());
    throw new Error(errors.length + ' of ' + users.length + ' connections failed, first: ' + errors[0]);
  }
  return results.map((r) => r.socket);
}

async function runSteps(phase, step, sockets, fn) {
  const started = performance.now();
  const results = await pool(sockets, plan.joinConcurrency || 10, fn);
  const errors = results.filter((r) => r.error).map((r) => r.error);
  out({kind: 'setup', phase: phase.name, step, count: sockets.length, failed: errors.length,
    ms: round(performance.now() - started), errors: errors.slice(0, 5)});
  if (errors.length) {
    throw new Error(step + ': ' + errors.length + ' of ' + sockets.length + ' failed, first: ' + errors[0]);
  }
}

/**
 * Sends `count` messages on a fixed schedule (`rate` a second) and waits until every receiver has each one (or the
 * timeout). Message i is registered in `pending` under keyOf(i), where the receivers' handlers find it (receipt);
 * `emit(i)` sends it and returns {sender, ack: promise}. Times count from the actual emit; emitLagMs is how late that
 * was against the schedule. The first `warmup` messages are reported with warmup: true.
 */
async function paced(phase, event, count, warmup, rate, receivers, pending, emit, keyOf) {
  pending.expired = new Set();
  const interval = 1000 / rate;
  const start = performance.now() + 50;
  const total = warmup + count;
  const finished = [];
  for (let i = 0; i < total; i++) {
    const planned = start + i * interval;
    const wait = planned - performance.now();
    if (wait > 0) {
      await sleep(wait);
    }
    const record = {
      index: i - warmup, warmup: i < warmup, deliveries: new Array(receivers).fill(null), received: 0,
      duplicates: 0, ackMs: null, ackError: null,
    };
    let resolveDone;
    record.done = new Promise((resolve) => (resolveDone = resolve));
    record.resolve = resolveDone;
    // complete once every receiver has it and the sender has its ack (either may come first), or refused
    record.check = () => {
      if (record.ackError || (record.ackMs !== null && record.received === receivers)) {
        record.resolve();
      }
    };
    const key = keyOf(i);
    pending.set(key, record);
    record.t0 = performance.now();
    record.emitLagMs = record.t0 - planned;
    const sent = emit(i, record);
    sent.ack.then((answer) => {
      record.ackMs = performance.now() - record.t0;
      record.ackError = answer.error || null;
      record.check();
    });
    record.sender = sent.sender;
    record.timer = setTimeout(() => record.resolve(), TIMEOUT);
    finished.push(record.done.then(() => {
      clearTimeout(record.timer);
      pending.delete(key);
      if (record.received < receivers) {
        pending.expired.add(key);
      }
      out({kind: 'sample', phase: phase.name, event, index: record.index, warmup: record.warmup,
        sender: record.sender, emitLagMs: round(record.emitLagMs), ackMs: record.ackMs === null ? null : round(record.ackMs),
        ackError: record.ackError, deliveriesMs: record.deliveries.map((d) => (d === null ? null : round(d))),
        duplicates: record.duplicates});
    }));
  }
  await Promise.all(finished);
}

/**
 * The receiving side of `paced`: receiver r saw `key` now. Counts, in `counters`, receipts after the message's
 * timeout (late) and of keys never sent (unmatched).
 */
function receipt(pending, key, r, counters) {
  const record = pending.get(key);
  if (!record) {
    if (pending.expired && pending.expired.has(key)) {
      counters.late++;
    } else {
      counters.unmatched++;
    }
    return;
  }
  if (record.deliveries[r] !== null) {
    record.duplicates++;
    return;
  }
  record.deliveries[r] = performance.now() - record.t0;
  record.received++;
  record.check();
}

function closeAll(sockets) {
  for (const socket of sockets) {
    socket.benchClosing = true;
    socket.close();
  }
}

const LOOP_RESOLUTION_MS = 5;

/** The event loop's delay beyond the sampling interval (the histogram's values include the interval itself). */
function eventLoop(histogram) {
  const ms = (ns) => round(Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS));
  return {p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max)};
}

async function room(phase) {
  const counters = {disconnects: 0, unmatched: 0, late: 0};
  const sockets = await connectAll(phase, phase.members, counters);
  try {
    const pending = new Map();
    sockets.forEach((socket, r) => socket.on('new_message', (message) => {
      receipt(pending, message && message.content, r, counters);
    }));
    // the first member (the customer) opens the conversation, then everybody else joins it
    const join = (socket, r) => emitWithAck(socket, 'join_room', {
      conversationId: phase.conversationId, userId: phase.members[r].userId, userRole: phase.members[r].role});
    await runSteps(phase, 'join (first member, creates it)', sockets.slice(0, 1), (socket) => join(socket, 0));
    await runSteps(phase, 'join', sockets.slice(1), (socket, r) => join(socket, r + 1));
    await sleep(500); // the last joins' user_joined fan-out settles
    const histogram = monitorEventLoopDelay({resolution: LOOP_RESOLUTION_MS});
    const nonce = Date.now().toString(36);
    const keyOf = (i) => 'bench ' + phase.name + ' ' + nonce + ' #' + i;
    let measuring = false;
    await paced(phase, 'new_message', phase.messages, phase.warmup, phase.rate, sockets.length, pending, (i) => {
      if (!measuring && i >= phase.warmup) {
        measuring = true;
        histogram.enable();
      }
      const s = phase.senders[i % phase.senders.length];
      const member = phase.members[s];
      return {sender: member.userId, ack: emitWithAck(sockets[s], 'send_message', {
        conversationId: phase.conversationId, fromUserId: member.userId, fromRole: member.role,
        content: keyOf(i), type: 'text'})};
    }, keyOf);
    histogram.disable();
    out({kind: 'phase-end', phase: phase.name, unmatched: counters.unmatched, late: counters.late,
      disconnects: counters.disconnects,
      eventLoopDelayMs: eventLoop(histogram)});
  } finally {
    closeAll(sockets);
  }
}

async function dashboard(phase) {
  const counters = {disconnects: 0, unmatched: 0, late: 0};
  const subscribers = await connectAll(phase, phase.subscribers, counters);
  let senderSockets = [];
  try {
    senderSockets = await connectAll({name: phase.name + '-sender'}, [phase.sender], counters);
    const sender = senderSockets[0];
    const state = {updated: new Map(), created: new Map()};
    subscribers.forEach((socket, r) => {
      socket.on('conversation_updated', (data) => {
        if (data && data.conversationId === phase.conversationId) {
          receipt(state.updated, data.changes && data.changes.messageCount, r, counters);
        }
      });
      socket.on('conversation_created', (data) => {
        const id = data && data.conversation && data.conversation.id;
        if (typeof id === 'string' && id.startsWith(phase.createdPrefix)) {
          receipt(state.created, id, r, counters);
        }
      });
    });
    await runSteps(phase, 'join_dashboard', subscribers, (socket) => emitWithAck(socket, 'join_dashboard'));
    // the conversation exists before the first timed message (its creation is not part of the figures)
    await runSteps(phase, 'join_room', [sender], (socket) => emitWithAck(socket, 'join_room', {
      conversationId: phase.conversationId, userId: phase.sender.userId, userRole: phase.sender.role}));
    await sleep(500);
    const histogram = monitorEventLoopDelay({resolution: LOOP_RESOLUTION_MS});
    let measuring = false;
    const send = (conversationId, content) => ({sender: phase.sender.userId, ack: emitWithAck(sender, 'send_message', {
      conversationId, fromUserId: phase.sender.userId, fromRole: phase.sender.role, content, type: 'text'})});
    // conversation_updated carries the conversation's messageCount: message i (warm-up included) is count i + 1
    await paced(phase, 'conversation_updated', phase.messages, phase.warmup, phase.rate, subscribers.length,
        state.updated, (i) => {
          if (!measuring && i >= phase.warmup) {
            measuring = true;
            histogram.enable();
          }
          return send(phase.conversationId, 'dashboard bench #' + i);
        }, (i) => i + 1);
    if (phase.created > 0) {
      const createdWarmup = Math.min(phase.warmup, 5);
      await paced(phase, 'conversation_created', phase.created, createdWarmup, phase.rate, subscribers.length,
          state.created, (i) => send(phase.createdPrefix + i, 'new conversation #' + i), (i) => phase.createdPrefix + i);
    }
    histogram.disable();
    out({kind: 'phase-end', phase: phase.name, unmatched: counters.unmatched, late: counters.late,
      disconnects: counters.disconnects,
      eventLoopDelayMs: eventLoop(histogram)});
  } finally {
    closeAll(subscribers);
    closeAll(senderSockets);
  }
}

(async () => {
  for (const phase of plan.phases) {
    out({kind: 'log', message: 'phase ' + phase.name + ' starts'});
    if (phase.kind === 'room') {
      await room(phase);
    } else if (phase.kind === 'dashboard') {
      await dashboard(phase);
    } else {
      throw new Error('unknown phase kind ' + phase.kind);
    }
    await sleep(1000); // the server closes the sockets before the next phase
  }
  out({kind: 'done'});
  process.exit(0);
})().catch((error) => {
  out({kind: 'fatal', message: String(error && error.stack || error)});
  process.exit(1);
});
