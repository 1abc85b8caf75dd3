import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OfflineCounter } from '../../src/main/core/hub/offline-counter';
import type { CoreServices } from '../../src/main/core/services';

/**
 * When a PC of the hub renews its counter's snapshot: at once when the
 * counter opens, then in the counter's pauses (never beside a scan), and at
 * least every few seconds at a queue that never pauses.
 */
describe('the counter snapshot is taken in the pauses of the counter', () => {
  let counter: OfflineCounter;
  let taken: number[];
  const take = () => taken.push(Date.now());
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
    counter = new OfflineCounter({ state: { paths: { dataDir: '/nonexistent' } } } as unknown as CoreServices);
    taken = [];
  });
  afterEach(() => vi.useRealTimers());

  it('at once when the counter opens, then 0.3 s after the last scan of a burst', async () => {
    counter.schedule('e1', take);
    await vi.advanceTimersByTimeAsync(0);
    expect(taken).toEqual([0]);
    // Five scans 100 ms apart: nothing beside them, one snapshot 300 ms after the last.
    for (let i = 0; i < 5; i++) {
      await vi.advanceTimersByTimeAsync(100);
      counter.schedule('e1', take);
    }
    expect(taken).toEqual([0]);
    await vi.advanceTimersByTimeAsync(299);
    expect(taken).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(taken).toEqual([0, 800]);
  });

  it('a queue that never pauses still has its snapshot renewed every 5 s; another PC heard of follows too', async () => {
    counter.schedule('e1', take);
    await vi.advanceTimersByTimeAsync(0);
    for (let t = 0; t < 11_000; t += 100) {
      await vi.advanceTimersByTimeAsync(100);
      counter.schedule('e1', take);
    }
    expect(taken).toEqual([0, 5_100, 10_100]);
    // A change to a family on another PC is no reason; a check-in there is: the counter used here lately follows once it is quiet.
    await vi.advanceTimersByTimeAsync(1_000);
    taken = [];
    counter.heard(['family'], take);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(taken).toEqual([]);
    counter.heard(['checkin'], take);
    await vi.advanceTimersByTimeAsync(300);
    expect(taken).toHaveLength(1);
  });

  it('each event on its own; a snapshot that could not be taken is taken at once next time; a new session follows nothing', async () => {
    const seen: string[] = [];
    const takeOf = (eventId: string) => seen.push(eventId);
    counter.schedule('e1', takeOf);
    counter.schedule('e2', takeOf);
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual(['e1', 'e2']);
    counter.schedule('e1', takeOf);
    counter.notTaken('e2');
    counter.schedule('e2', takeOf);
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual(['e1', 'e2', 'e2']);
    await vi.advanceTimersByTimeAsync(300);
    expect(seen).toEqual(['e1', 'e2', 'e2', 'e1']);
    // Heard of after 15 minutes without a call here: no longer followed — however often others check in meanwhile.
    for (let minute = 0; minute < 16; minute++) {
      await vi.advanceTimersByTimeAsync(60_000);
      counter.heard(['checkin'], takeOf);
    }
    seen.length = 0;
    counter.heard(['checkin'], takeOf);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(seen).toEqual([]);
    // A snapshot waiting when the session ends is not taken; the next session's first call takes one at once.
    counter.schedule('e1', takeOf);
    counter.reset();
    await vi.advanceTimersByTimeAsync(6_000);
    expect(seen).toEqual([]);
    counter.schedule('e1', takeOf);
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual(['e1']);
  });

  it('a snapshot that keeps failing is tried again 1 s, 2 s, 4 s … later (at most 30 s), even while scans keep coming; a new session starts at once', async () => {
    const at: number[] = [];
    counter.schedule('e1', () => at.push(Date.now()));
    await vi.advanceTimersByTimeAsync(0);
    expect(at).toEqual([0]);
    // Every try fails; the counter is used every 100 ms all along.
    const failing = () => {
      at.push(Date.now());
      counter.notTaken('e1', true);
    };
    counter.notTaken('e1', true);
    for (let t = 0; t < 100_000; t += 100) {
      counter.schedule('e1', failing);
      await vi.advanceTimersByTimeAsync(100);
    }
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    expect(gaps).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    // A new session's first call takes one at once, whatever failed in the one before.
    counter.reset();
    const fresh: number[] = [];
    counter.schedule('e1', () => fresh.push(Date.now()));
    await vi.advanceTimersByTimeAsync(0);
    expect(fresh).toEqual([Date.now()]);
  });

  it('a read that fails after a scan came in during it: the back-off still holds, counted from the failure; the hub gone (no failed read) is no reason to wait', async () => {
    const at: number[] = [];
    // Each read takes 200 ms and then fails; a family is scanned 100 ms into each read, then the counter is quiet.
    const slowFailing = () => {
      at.push(Date.now());
      setTimeout(() => counter.schedule('e1', slowFailing), 100);
      setTimeout(() => counter.notTaken('e1', true), 200);
    };
    counter.schedule('e1', slowFailing);
    await vi.advanceTimersByTimeAsync(20_000);
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    expect(gaps).toEqual([1_200, 2_200, 4_200, 8_200]);
    // The hub stops answering (the snapshot is not taken, no read failed): the next call takes one at once.
    counter.notTaken('e1');
    const next: number[] = [];
    counter.schedule('e1', () => next.push(Date.now()));
    await vi.advanceTimersByTimeAsync(0);
    expect(next).toEqual([Date.now()]);
    counter.reset();
  });

  it('a read slower than the counter’s pause fails while a snapshot planned during it waits its turn: that one waits for the back-off too', async () => {
    const at: number[] = [];
    // As hub/link.ts does: snapshots one at a time on a chain, each read 500 ms, failing; a scan 100 ms into each read,
    // whose snapshot (0.3 s later) is due while the read still runs, and waits on the chain for its end.
    let chain = Promise.resolve();
    const take = (eventId: string) => {
      chain = chain.then(async () => {
        if (!counter.due(eventId)) return counter.later(eventId, take);
        at.push(Date.now());
        setTimeout(() => counter.schedule(eventId, take), 100);
        await new Promise((resolve) => setTimeout(resolve, 500));
        counter.notTaken(eventId, true);
      });
    };
    counter.schedule('e1', take);
    await vi.advanceTimersByTimeAsync(20_000);
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    expect(gaps).toEqual([1_500, 2_500, 4_500, 8_500]);
    counter.reset();
  });

  it('a read that fails after its session ended leaves no back-off for the next session', async () => {
    const round = counter.round;
    counter.schedule('e1', () => undefined);
    await vi.advanceTimersByTimeAsync(0);
    // The session ends while the read runs; it fails afterwards.
    counter.reset();
    counter.notTaken('e1', true, round);
    const next: number[] = [];
    counter.schedule('e1', () => next.push(Date.now()));
    await vi.advanceTimersByTimeAsync(0);
    expect(next).toEqual([Date.now()]);
    counter.reset();
  });
});
