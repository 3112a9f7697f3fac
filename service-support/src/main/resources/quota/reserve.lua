-- Reserves tokens for one call, atomically. KEYS: counters (hash used/reserved), reservations (zset call -> expiry),
-- amounts (hash call -> tokens), settled marker of the call. ARGV: call id, tokens, limit, tokens the ledger recorded,
-- now (ms), expiry (ms), ttl of the month's keys (s).
-- Returns {1, tokens} when held (or already held), {0, remaining} when they do not fit, {2, 0} when already settled.
local counters, reservations, amounts, settled = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local call, tokens, limit = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local ledger, now, expires, ttl = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])

if redis.call('EXISTS', settled) == 1 then
  return {2, 0}
end
local held = redis.call('HGET', amounts, call)
if held then
  return {1, tonumber(held)}
end

-- Reservations of callers that died give their tokens back.
for _, stale in ipairs(redis.call('ZRANGEBYSCORE', reservations, '-inf', now)) do
  redis.call('HINCRBY', counters, 'reserved', -tonumber(redis.call('HGET', amounts, stale) or '0'))
  redis.call('HDEL', amounts, stale)
  redis.call('ZREM', reservations, stale)
end

-- The ledger is the durable record: if this store lost its counters, it knows at least as much.
local used = tonumber(redis.call('HGET', counters, 'used') or '0')
if ledger > used then
  used = ledger
  redis.call('HSET', counters, 'used', used)
end
local reserved = tonumber(redis.call('HGET', counters, 'reserved') or '0')
if used + reserved + tokens > limit then
  return {0, limit - used - reserved}
end

redis.call('HINCRBY', counters, 'reserved', tokens)
redis.call('HSET', amounts, call, tokens)
redis.call('ZADD', reservations, expires, call)
for _, key in ipairs({counters, reservations, amounts}) do
  redis.call('EXPIRE', key, ttl)
end
return {1, tokens}
