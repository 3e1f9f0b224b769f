-- KEYS[1] stream, KEYS[2] relay mark (same hash tag): the highest outbox id already in the stream.
-- ARGV[1] the lowest mark the relay expects (what it appended before, or the confirmed cursor it starts from),
-- then pairs of outbox id and payload in id order.
-- Appends the messages above the mark, with the outbox id in field 'oid', and raises the mark, in one atomic
-- step: a relay that runs twice (a retry, a second relay process) never appends a message twice. A mark below
-- the expected one means Redis lost what the relay had appended (a restart without persistence): then nothing
-- is appended and {'lost', mark} tells the relay to start again from its confirmed cursor.
local mark = tonumber(redis.call('GET', KEYS[2]) or '0')
if mark < tonumber(ARGV[1]) then
  return {'lost', tostring(mark)}
end
for i = 2, #ARGV, 2 do
  local oid = tonumber(ARGV[i])
  if oid > mark then
    redis.call('XADD', KEYS[1], '*', 'p', ARGV[i + 1], 'oid', ARGV[i])
    mark = oid
  end
end
redis.call('SET', KEYS[2], tostring(mark))
return {'ok', tostring(mark)}
