-- KEYS[1] stream. Deletes the entries that every consumer group is done with: those older than the oldest entry
-- any group still refers to (its oldest pending entry, or else the last entry it was handed, which the outbox
-- relay reads). Nothing goes while a group has read nothing, or when the stream has no group. Returns how many
-- entries went.
local function parse(id)
  local dash = string.find(id, '-', 1, true)
  return tonumber(string.sub(id, 1, dash - 1)), tonumber(string.sub(id, dash + 1))
end

local function older(a, b)
  local ams, aseq = parse(a)
  local bms, bseq = parse(b)
  return ams < bms or (ams == bms and aseq < bseq)
end

if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local groups = redis.call('XINFO', 'GROUPS', KEYS[1])
if #groups == 0 then return 0 end
local keep_from = nil
for _, group in ipairs(groups) do
  local info = {}
  for i = 1, #group, 2 do info[group[i]] = group[i + 1] end
  local oldest = info['last-delivered-id']
  if info['pending'] > 0 then
    oldest = redis.call('XPENDING', KEYS[1], info['name'])[2]
  end
  if oldest == '0-0' then return 0 end
  if keep_from == nil or older(oldest, keep_from) then keep_from = oldest end
end
return redis.call('XTRIM', KEYS[1], 'MINID', keep_from)
