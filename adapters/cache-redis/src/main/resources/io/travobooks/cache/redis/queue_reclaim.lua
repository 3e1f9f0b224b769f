-- KEYS[1] stream, KEYS[2] dead letters (same hash tag); ARGV[1] group, ARGV[2] consumer,
-- ARGV[3] minimum idle time in ms (the visibility timeout), ARGV[4] most to claim, ARGV[5] max deliveries.
-- Takes over entries whose consumer went quiet. XAUTOCLAIM counts the new delivery; an entry that would be
-- delivered more than max deliveries times is parked in the dead-letter stream and acked instead.
-- Returns {{id, payload, delivery count}, ...} for the entries handed to the caller.
local claimed = redis.call('XAUTOCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[3], '0-0', 'COUNT', ARGV[4])[2]
local handed = {}
for _, entry in ipairs(claimed) do
  local id = entry[1]
  local payload = ''
  local fields = entry[2]
  for i = 1, #fields, 2 do
    if fields[i] == 'p' then payload = fields[i + 1] end
  end
  local deliveries = redis.call('XPENDING', KEYS[1], ARGV[1], id, id, 1)[1][4]
  if deliveries > tonumber(ARGV[5]) then
    redis.call('XADD', KEYS[2], '*', 'id', id, 'group', ARGV[1], 'p', payload, 'n', deliveries - 1)
    redis.call('XACK', KEYS[1], ARGV[1], id)
  else
    table.insert(handed, {id, payload, deliveries})
  end
end
return handed
