import AccordLog
import AccordTreaty

/// Writes claims into a replica past `append`'s rules, as an earlier version of
/// accord (or a hand edit) could have, to see that `accord check` notices; or with
/// its wall clock reading a chosen time.
public enum UncheckedAppend {
    /// Appends `claims` (JSON lines) to the replica in `directory`, with their
    /// projections, without the checks `TreatyReplica.append` makes; the replica is
    /// closed again on return, so the test may snapshot it.
    ///
    /// - Returns: the new events' ids, as hex.
    /// - Parameter wallTime: what the replica's wall clock reads (milliseconds since 1970), to
    ///   play a clock set wrong; nil for the system clock.
    @discardableResult
    public static func append(_ claims: [String], toReplica directory: String, wallTime: Int64? = nil) throws -> [String] {
        let replica = try TreatyReplica.open(at: directory, clock: wallTime.map { ScriptedClock([$0]) } ?? SystemClock())
        let decoded = try claims.map { try replica.domain.decoder.decode(json: Array($0.utf8)) }
        let envelopes = try replica.store.append(claims: decoded.map(\.canonicalJSON)) { db, events in
            try TreatyProjector.apply(zip(events, decoded).map { ($0, $1) }, in: db)
        }
        return envelopes.map(\.id.hex)
    }
}
