// Drives one real Socket.IO client for Switchboard's tests: JSON lines in on stdin, JSON lines out on stdout.
//   node driver.js '<options JSON>'
// options: {version: 2|4, url, transports: ["polling"]|["websocket"], headers: {...}, auth: {...}|null, query: {...}}
// in:  {"op":"emit","id":7,"event":"staff_join","args":[{...}]}   (ack answers come back as {"kind":"ack","id":7,"args":[...]})
//      {"op":"close"}
// out: {"kind":"connect"} {"kind":"connect_error","message":...,"status":...,"data":...}
//      {"kind":"event","event":name,"args":[...]} {"kind":"disconnect","reason":...}
'use strict';
const readline = require('readline');
const options = JSON.parse(process.argv[2]);
const out = (line) => process.stdout.write(JSON.stringify(line) + '\n');

let socket;
if (options.version === 2) {
  const io = require('socket.io-client-v2');
  socket = io(options.url, {
    transports: options.transports || ['polling'],
    transportOptions: {polling: {extraHeaders: options.headers || {}}},
    query: options.query || {},
    reconnection: false,
    forceNew: true,
    timeout: 10000,
  });
  // 2.x has no onAny: see every event packet before the client dispatches it.
  const onevent = socket.onevent;
  socket.onevent = function (packet) {
    const args = packet.data || [];
    out({kind: 'event', event: args[0], args: args.slice(1)});
    onevent.call(this, packet);
  };
  socket.on('error', (error) => out({kind: 'error', message: String(error && error.message || error)}));
} else {
  const {io} = require('socket.io-client-v4');
  socket = io(options.url, {
    transports: options.transports || ['websocket'],
    extraHeaders: options.headers || {},
    auth: options.auth || undefined,
    query: options.query || {},
    reconnection: false,
    forceNew: true,
    timeout: 10000,
  });
  socket.onAny((event, ...args) => out({kind: 'event', event, args}));
}

socket.on('connect', () => out({kind: 'connect', id: socket.id}));
socket.on('connect_error', (error) => out({
  kind: 'connect_error',
  message: String(error && error.message || error),
  // polling handshake refusals carry the HTTP status (2.x: description; 4.x: description.status or context)
  status: error && (typeof error.description === 'number' ? error.description
      : error.description && error.description.status || error.context && error.context.status) || null,
  data: error && error.data || null,
}));
socket.on('disconnect', (reason) => out({kind: 'disconnect', reason: String(reason)}));

readline.createInterface({input: process.stdin}).on('line', (line) => {
  const command = JSON.parse(line);
  if (command.op === 'emit') {
    socket.emit(command.event, ...(command.args || []), (...args) => out({kind: 'ack', id: command.id, args}));
  } else if (command.op === 'emit-no-ack') {
    socket.emit(command.event, ...(command.args || []));
  } else if (command.op === 'close') {
    socket.close();
    setTimeout(() => process.exit(0), 50);
  }
}).on('close', () => {
  socket.close();
  setTimeout(() => process.exit(0), 50);
});
