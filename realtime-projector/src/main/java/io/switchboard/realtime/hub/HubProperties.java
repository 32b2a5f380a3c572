package io.switchboard.realtime.hub;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The realtime hub's settings ({@code switchboard.hub.*}); Redis comes from {@code switchboard.redis.url}
 * ({@code SWITCHBOARD_REDIS_URL}).
 *
 * @param nodeExpiry        with Redis: a node that stops refreshing its heartbeat this long is taken for dead, and
 *                          its users leave presence (within this plus a third of it)
 * @param laneCapacity      deliveries queued for one connection before it counts as too slow and is disconnected
 * @param laneThreads       threads delivering to connections (and doing their presence calls)
 * @param readThreads       threads reading catch-up history from the event store
 * @param batchSize         events per batch of the per-node hub processor
 * @param audienceCacheSize conversations whose participants a node keeps in memory
 * @param freshReadPatience how long a reaction to an event waits for the read model to include that event
 */
@ConfigurationProperties("switchboard.hub")
public record HubProperties(@DefaultValue("30s") Duration nodeExpiry,
                            @DefaultValue("10000") int laneCapacity,
                            @DefaultValue("16") int laneThreads,
                            @DefaultValue("4") int readThreads,
                            @DefaultValue("100") int batchSize,
                            @DefaultValue("100000") int audienceCacheSize,
                            @DefaultValue("5s") Duration freshReadPatience) {
}
