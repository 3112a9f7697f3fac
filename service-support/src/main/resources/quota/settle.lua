-- Settles or releases one call, atomically and once. KEYS as reserve.lua. ARGV: call id, tokens used (0 to release),
-- ttl of the settled marker (s), ttl of the month's keys (s). Returns 1 when applied, 0 when it already was.
local counters, reservations, amounts, settled = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local call, used, settledTtl, ttl = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])

if redis.call('EXISTS', settled) == 1 then
  return 0
end
local held = redis.call('HGET', amounts, call)
if held then
  redis.call('HINCRBY', counters, 'reserved', -tonumber(held))
  redis.call('HDEL', amounts, call)
  redis.call('ZREM', reservations, call)
end
-- Tokens spent are billed even if the reservation expired first.
if used > 0 then
  redis.call('HINCRBY', counters, 'used', used)
  redis.call('EXPIRE', counters, ttl)
end
redis.call('SET', settled, '1', 'EX', settledTtl)
return 1
