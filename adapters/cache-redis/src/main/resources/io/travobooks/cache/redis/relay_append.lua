-- KEYS[1] stream. ARGV[1] the lowest mark the relay expects, then pairs of outbox id and payload in id order.
-- The mark is the outbox id of the stream's last entry (0 for a missing or empty stream): entries are appended
-- in outbox id order, so everything up to it is in the stream. Appends the messages above the mark with the
-- outbox id in field 'oid', in one atomic step, so a relay that runs twice (a retry, a second relay process) never
-- appends a message twice. A mark below the expected one means Redis lost what the relay had appended (a restart
-- without persistence, a fail-over to a stale replica, an evicted stream): then nothing is appended.
-- Returns {'ok' | 'lost', mark afterwards, how many were appended}.
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
local mark = 0
if #last > 0 then
  mark = nil
  local fields = last[1][2]
  for i = 1, #fields, 2 do
    if fields[i] == 'oid' then mark = tonumber(fields[i + 1]) end
  end
  if not mark then
    return redis.error_reply('stream ' .. KEYS[1] .. ' holds entries that no outbox relay appended')
  end
end
if mark < tonumber(ARGV[1]) then
  return {'lost', tostring(mark), 0}
end
local appended = 0
for i = 2, #ARGV, 2 do
  local oid = tonumber(ARGV[i])
  if oid > mark then
    redis.call('XADD', KEYS[1], '*', 'p', ARGV[i + 1], 'oid', ARGV[i])
    mark = oid
    appended = appended + 1
  end
end
return {'ok', tostring(mark), appended}
