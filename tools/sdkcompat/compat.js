'use strict'
// Compatibility check: JPush's own Node.js client (the npm package jpush-async,
// written by JPush, not by this project) creates, lists, gets, updates and
// deletes a schedule against the emulator at JPUSH_EMULATOR_URL.
//
// The client hard-codes https://api.jpush.cn; the loader hook below swaps that
// host for the emulator's base URL as the client's files load, and changes
// nothing else in it.
const assert = require('node:assert/strict')
const fs = require('node:fs')
const Module = require('node:module')
const path = require('node:path')

const base = process.env.JPUSH_EMULATOR_URL
if (!base) throw new Error('JPUSH_EMULATOR_URL is not set')
const appKey = process.env.JPUSH_APP_KEY || 'jpushemulatorappkey00001'
const masterSecret = process.env.JPUSH_MASTER_SECRET || 'jpushemulatorsecret00001'

const loadJS = Module._extensions['.js']
Module._extensions['.js'] = function (module, filename) {
  if (filename.includes(`${path.sep}jpush-async${path.sep}`)) {
    const src = fs.readFileSync(filename, 'utf8').split('https://api.jpush.cn').join(base)
    return module._compile(src, filename)
  }
  return loadJS(module, filename)
}
const { JPushAsync } = require('jpush-async')

async function admin (method, route, body) {
  const res = await fetch(base + route, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined
  })
  assert.equal(res.status, 200, `${method} ${route}`)
  return res.json()
}

// wall clock of an instant in Asia/Shanghai (UTC+8, no DST), JPush's format
function shanghai (ms) {
  return new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 19).replace('T', ' ')
}

async function main () {
  // This client only resolves a call when the answer has a body, so the
  // emulator answers DELETE with {} (a documented mode) for this run.
  await admin('PUT', '/_emulator/config', { delete_body: 'json' })
  const { now } = await admin('GET', '/_emulator/clock')
  const client = JPushAsync.buildClient({ appKey, masterSecret, isDebug: false })

  const created = await client.setSchedule({
    name: 'sdk_compat',
    enabled: true,
    trigger: { single: { time: shanghai(Date.parse(now) + 3600 * 1000) } },
    push: { platform: 'all', audience: 'all', notification: { alert: 'hello from jpush-async' } }
  })
  assert.match(created.schedule_id, /^[0-9a-f-]{36}$/)
  assert.equal(created.name, 'sdk_compat')
  const id = created.schedule_id

  const list = await client.getScheduleList(1)
  assert.equal(list.page, 1)
  assert.ok(list.schedules.some(s => s.schedule_id === id), 'created schedule is listed')

  const got = await client.getSchedule(id)
  assert.equal(got.schedule_id, id)
  assert.equal(got.push.notification.alert, 'hello from jpush-async')

  const updated = await client.updateSchedule(id, { name: 'sdk_compat_renamed', enabled: false })
  assert.equal(updated.name, 'sdk_compat_renamed')
  assert.equal(updated.enabled, false)
  assert.equal((await client.getSchedule(id)).name, 'sdk_compat_renamed')

  await client.delSchedule(id)
  await assert.rejects(client.getSchedule(id), err => String(err.response || err.message || err).includes('8104'))

  const stats = await admin('GET', '/_emulator/stats')
  assert.equal(stats.schedules, 0)
  console.log('jpush-async 4.2.0 against the emulator: create, list, get, update, delete all ok')
}

main().catch(err => {
  console.error(err)
  process.exit(1)
})
