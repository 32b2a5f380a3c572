// Many live-chat Socket.IO connections in ONE Node process, for the live-chat benchmark (issue 8):
// socket.io-client 4.x over WebSocket, the token in the Authorization header (node clients can set headers).
//   node bench/livechat/load.js <url>
// Driven by JSON lines on stdin, answered with JSON lines on stdout (one answer per command, in order); every time is
// measured here with performance.now(), so emit and receipt are on the same clock. Log lines go to stderr.
//
// in:  {"op":"connect","group":"g","file":"tokens.jsonl","concurrency":50,"waitFor":"staff_init"|null,"timeoutMs":60000,
//       "deflate":true}
//        tokens.jsonl: one {"id":"<user id>","token":"<jwt>"} a line; a socket per line, into group g
//      {"op":"disconnect","group":"g"}
//      {"op":"claims","visitors":"gv","agents":"ga","warmup":30,"count":300,"concurrency":1,"minIntervalMs":150}
//        pair i = visitors[i] + agents[i]; per iteration: visitor_first_msg, then staff_join {visitor} (timed), then
//        visitor_leave_room; a pair starts an iteration at most every minIntervalMs (the server's rate limit)
//      {"op":"fanout","visitor":"gv","staff":"gs","rounds":20,"timeoutMs":30000,"pauseMs":300}
//        per round: visitor_first_msg; time until each staff socket receives append_unclaimed_chats for it; then
//        visitor_leave_room and wait until every staff socket has visitor_leave_queue
//      {"op":"stats"}   {"op":"exit"}
// out: {"kind":"connected",...} {"kind":"disconnected",...} {"kind":"claims",...} {"kind":"fanout_round",...}
//      {"kind":"fanout",...} {"kind":"stats",...} {"kind":"error","message":...}
'use strict';
const fs = require('fs');
const readline = require('readline');
const {performance} = require('perf_hooks');
const {io} = require('socket.io-client');

const url = process.argv[2];
const out = (line) => process.stdout.write(JSON.stringify(line) + '\n');
const log = (...args) => process.stderr.write(args.join(' ') + '\n');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** group name -> [{id, socket}] */
const groups = new Map();
/** sockets closed by the server or the network (not by a disconnect command), with the reasons seen */
let dropped = 0;
const dropReasons = {};
let openSockets = 0;

function open(user, waitFor, timeoutMs, deflate) {
  return new Promise((resolve) => {
    const socket = io(url, {
      transports: ['websocket'],
      extraHeaders: {Authorization: user.token},
      // offer permessage-deflate, as browsers do (engine.io-client's default); false: plain frames
      perMessageDeflate: deflate ? {threshold: 1024} : false,
      reconnection: false,
      forceNew: true, // one Engine.IO connection per socket, not one multiplexed connection
      timeout: timeoutMs,
    });
    const entry = {id: user.id, socket, closing: false};
    let settled = false;
    let connected = false;
    let waited = !waitFor;
    const timer = setTimeout(() => finish('timeout: ' + (connected ? 'no ' + waitFor : 'no connect')), timeoutMs);
    function finish(error) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        entry.closing = true;
        socket.close();
      }
      resolve({entry, error});
    }
    if (waitFor) {
      socket.once(waitFor, () => {
        waited = true;
        if (connected) finish(null);
      });
    }
    socket.on('connect', () => {
      connected = true;
      openSockets++;
      if (waited) finish(null);
    });
    socket.on('connect_error', (error) => finish('connect_error: ' + (error && error.message || error)));
    socket.on('disconnect', (reason) => {
      openSockets--;
      if (!entry.closing) {
        dropped++;
        dropReasons[reason] = (dropReasons[reason] || 0) + 1;
      }
      finish('disconnected: ' + reason);
    });
  });
}

async function connect(command) {
  const users = fs.readFileSync(command.file, 'utf8').split('\n').filter((line) => line.trim())
      .map((line) => JSON.parse(line));
  const group = groups.get(command.group) || [];
  groups.set(command.group, group);
  const started = performance.now();
  const errors = [];
  let next = 0;
  const workers = [];
  for (let w = 0; w < Math.max(1, command.concurrency || 50); w++) {
    workers.push((async () => {
      while (next < users.length) {
        const user = users[next++];
        const {entry, error} = await open(user, command.waitFor || null, command.timeoutMs || 60000,
            command.deflate !== false);
        if (error) {
          errors.push(user.id + ': ' + error);
        } else {
          group.push(entry);
        }
      }
    })());
  }
  await Promise.all(workers);
  out({kind: 'connected', group: command.group, ok: users.length - errors.length, failed: errors.length,
    errors: errors.slice(0, 5), ms: performance.now() - started, open: openSockets});
}

async function disconnect(command) {
  const group = groups.get(command.group) || [];
  groups.delete(command.group);
  for (const entry of group) {
    entry.closing = true;
    entry.socket.close();
  }
  await sleep(100);
  out({kind: 'disconnected', group: command.group, count: group.length, open: openSockets});
}

/** emit with an ack, resolved with {ms, args} or {ms, error} (ack timeout) */
function emitTimed(socket, event, data, timeoutMs) {
  return new Promise((resolve) => {
    const start = performance.now();
    const callback = (error, ...args) => resolve(error ? {ms: performance.now() - start, error: 'ack timeout'}
        : {ms: performance.now() - start, args});
    if (data === undefined) {
      socket.timeout(timeoutMs).emit(event, callback);
    } else {
      socket.timeout(timeoutMs).emit(event, data, callback);
    }
  });
}

const refused = (answer) => answer.error || answer.args[0] !== true;
const why = (event, answer) => event + ': ' + (answer.error || JSON.stringify(answer.args.slice(0, 2)));

async function claims(command) {
  const visitors = groups.get(command.visitors);
  const agents = groups.get(command.agents);
  const pairs = Math.min(visitors.length, agents.length);
  const concurrency = Math.max(1, Math.min(command.concurrency || 1, pairs));
  const warmup = command.warmup || 0;
  const total = warmup + command.count;
  const minInterval = command.minIntervalMs || 150;
  const timeoutMs = command.timeoutMs || 30000;
  const result = {kind: 'claims', pairs, concurrency, claim: [], first: [], leave: [], errors: 0, errorSamples: []};
  const lastStart = new Array(pairs).fill(-Infinity);
  let next = 0;
  let pairCursor = 0;
  const busy = new Array(pairs).fill(false);
  const error = (text) => {
    result.errors++;
    if (result.errorSamples.length < 5) result.errorSamples.push(text);
  };
  const started = performance.now();
  async function worker() {
    while (next < total) {
      const n = next++;
      // the next free pair in turn
      let p;
      do {
        p = pairCursor++ % pairs;
      } while (busy[p]);
      busy[p] = true;
      const wait = lastStart[p] + minInterval - performance.now();
      if (wait > 0) await sleep(wait);
      lastStart[p] = performance.now();
      const visitor = visitors[p];
      const agent = agents[p];
      const measured = n >= warmup;
      const first = await emitTimed(visitor.socket, 'visitor_first_msg', {content: 'claim ' + n}, timeoutMs);
      if (refused(first)) {
        error(why('visitor_first_msg', first));
        await emitTimed(visitor.socket, 'visitor_leave_room', undefined, timeoutMs);
        busy[p] = false;
        continue;
      }
      const claim = await emitTimed(agent.socket, 'staff_join', {visitor: visitor.id}, timeoutMs);
      const leave = await emitTimed(visitor.socket, 'visitor_leave_room', undefined, timeoutMs);
      busy[p] = false;
      if (refused(claim)) {
        error(why('staff_join', claim));
      } else if (measured) {
        result.claim.push(claim.ms);
        result.first.push(first.ms);
      }
      if (refused(leave)) {
        error(why('visitor_leave_room', leave));
      } else if (measured) {
        result.leave.push(leave.ms);
      }
    }
  }
  const workers = [];
  for (let w = 0; w < concurrency; w++) workers.push(worker());
  await Promise.all(workers);
  result.ms = performance.now() - started;
  out(result);
}

async function fanout(command) {
  const visitor = groups.get(command.visitor)[0];
  const staff = groups.get(command.staff);
  const timeoutMs = command.timeoutMs || 30000;
  let round = null; // {marker, start, received: Float64Array, count, left: count of visitor_leave_queue}
  let resolveRound = null;
  const check = () => {
    const done = round && (round.phase === 'queued' ? round.count : round.left) === staff.length;
    if (done && resolveRound) {
      const resolve = resolveRound;
      resolveRound = null;
      resolve();
    }
  };
  const listeners = staff.map((entry, index) => {
    const onQueued = (data) => {
      const content = data && data.contents && data.contents[0];
      if (round && data.visitor && data.visitor.id === visitor.id && content && content.content === round.marker
          && round.received[index] < 0) {
        round.received[index] = performance.now() - round.start;
        round.count++;
        check();
      }
    };
    const onLeft = (data) => {
      if (round && round.phase === 'leaving' && data && data.user && data.user.id === visitor.id) {
        round.left++;
        check();
      }
    };
    entry.socket.on('append_unclaimed_chats', onQueued);
    entry.socket.on('visitor_leave_queue', onLeft);
    return {entry, onQueued, onLeft};
  });
  const waitAll = () => new Promise((resolve) => {
    const timer = setTimeout(() => {
      resolveRound = null;
      resolve(false);
    }, timeoutMs);
    resolveRound = () => {
      clearTimeout(timer);
      resolve(true);
    };
    check();
  });
  const summary = {kind: 'fanout', rounds: 0, errors: 0, errorSamples: []};
  for (let r = 0; r < command.rounds; r++) {
    round = {marker: 'fanout ' + r + ' ' + Date.now(), start: 0, received: new Float64Array(staff.length).fill(-1),
      count: 0, left: 0, phase: 'queued'};
    const allQueued = waitAll();
    const elu = performance.eventLoopUtilization();
    round.start = performance.now();
    const first = await emitTimed(visitor.socket, 'visitor_first_msg', {content: round.marker}, timeoutMs);
    if (refused(first)) {
      resolveRound = null;
      summary.errors++;
      summary.errorSamples.push(why('visitor_first_msg', first));
      await emitTimed(visitor.socket, 'visitor_leave_room', undefined, timeoutMs);
      await sleep(command.pauseMs || 300);
      continue;
    }
    const complete = await allQueued;
    // how busy this process was from the emit to the last receipt: near 1, the client's own event loop (decoding
    // 500 frames one after another) is part of the spread between the first and the last receiver
    const busy = performance.eventLoopUtilization(elu).utilization;
    const latencies = Array.from(round.received).filter((ms) => ms >= 0);
    out({kind: 'fanout_round', round: r, ack: first.ms, latencies, missing: staff.length - latencies.length,
      complete, elu: busy});
    round.phase = 'leaving';
    const allLeft = waitAll();
    const leave = await emitTimed(visitor.socket, 'visitor_leave_room', undefined, timeoutMs);
    if (refused(leave)) {
      summary.errors++;
      summary.errorSamples.push(why('visitor_leave_room', leave));
    }
    if (!(await allLeft)) {
      log('fanout round ' + r + ': not every staff socket saw visitor_leave_queue (' + round.left + ')');
    }
    summary.rounds++;
    await sleep(command.pauseMs || 300);
  }
  round = null;
  for (const {entry, onQueued, onLeft} of listeners) {
    entry.socket.off('append_unclaimed_chats', onQueued);
    entry.socket.off('visitor_leave_queue', onLeft);
  }
  out(summary);
}

function stats() {
  const memory = process.memoryUsage();
  out({kind: 'stats', open: openSockets, dropped, dropReasons, rssMb: memory.rss / 1048576,
    heapUsedMb: memory.heapUsed / 1048576});
}

const commands = {connect, disconnect, claims, fanout, stats: async () => stats(), exit: async () => process.exit(0)};
let queue = Promise.resolve();
readline.createInterface({input: process.stdin}).on('line', (line) => {
  if (!line.trim()) return;
  const command = JSON.parse(line);
  queue = queue.then(() => (commands[command.op] || (async () => {
    throw new Error('unknown op ' + command.op);
  }))(command)).catch((error) => out({kind: 'error', message: String(error && error.stack || error)}));
}).on('close', () => queue.then(() => process.exit(0)));
