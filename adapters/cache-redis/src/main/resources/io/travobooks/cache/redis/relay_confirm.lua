-- KEYS[1] stream; ARGV the consumer groups that must exist (none: whichever groups exist).
-- Returns the highest outbox id up to which every consumer group of the stream has acked every message, or -1
-- when that cannot be said (no stream, no group, an expected group missing, an entry without 'oid'). A group is
-- done with everything before its oldest pending entry or, with nothing pending, with everything up to the last
-- entry it was handed.
local function oid_of(id)
  local entries = redis.call('XRANGE', KEYS[1], id, id)
  if #entries == 0 then return nil end
  local fields = entries[1][2]
  for i = 1, #fields, 2 do
    if fields[i] == 'oid' then return tonumber(fields[i + 1]) end
  end
  return nil
end

if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
if #last == 0 then return -1 end
local confirmed = oid_of(last[1][1])
if not confirmed then return -1 end
local groups = redis.call('XINFO', 'GROUPS', KEYS[1])
if #groups == 0 then return -1 end
local present = {}
for _, group in ipairs(groups) do
  local info = {}
  for i = 1, #group, 2 do info[group[i]] = group[i + 1] end
  present[info['name']] = true
  local done
  if info['pending'] > 0 then
    local oid = oid_of(redis.call('XPENDING', KEYS[1], info['name'])[2])
    if not oid then return -1 end
    done = oid - 1
  elseif info['last-delivered-id'] == '0-0' then
    done = 0
  else
    local oid = oid_of(info['last-delivered-id'])
    if not oid then return -1 end
    done = oid
  end
  if done < confirmed then confirmed = done end
end
for _, name in ipairs(ARGV) do
  if not present[name] then return -1 end
end
return confirmed
