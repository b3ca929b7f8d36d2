import AccordLog
import Foundation
import GRDB

/// The events of a store as a flat file of records — id (32 bytes), seq,
/// recorded (8 bytes each, little-endian), body length (4 bytes), body — so
/// the raw insert baseline reads exactly the bytes and ids Accord wrote,
/// from a file, as the append phase reads its claims from a file.
enum EventRecords {
    /// Copies every event of `store` into a record file, in feed order.
    ///
    /// - Returns: the number of events and their total body bytes.
    static func dump(_ store: ReplicaStore, to path: String) throws -> (events: Int, bytes: Int) {
        let file = try BufferedFile(path: path)
        var events = 0, bytes = 0
        try store.read { db in
            let cursor = try Row.fetchCursor(db, sql: "SELECT id, seq, recorded, body FROM events ORDER BY feed, seq")
            while let row = try cursor.next() {
                let id: Data = row[0], body: Data = row[3]
                try file.append(id)
                try file.append(littleEndian: row[1] as Int64)
                try file.append(littleEndian: row[2] as Int64)
                try file.append(littleEndian: Int64(body.count), bytes: 4)
                try file.append(body)
                events += 1
                bytes += body.count
            }
        }
        try file.finish(sync: false)
        return (events, bytes)
    }

    /// Calls `each` with (id, seq, recorded, body) for every record of the file.
    static func read(
        _ path: String, _ each: (ArraySlice<UInt8>, Int64, Int64, ArraySlice<UInt8>) throws -> Void
    ) throws {
        let reader = try ChunkedReader(path: path)
        while let head = try reader.next(52) {
            let id = head.prefix(32)
            let seq = integer(head, at: head.startIndex + 32, bytes: 8)
            let recorded = integer(head, at: head.startIndex + 40, bytes: 8)
            let length = Int(integer(head, at: head.startIndex + 48, bytes: 4))
            // `head` lives in the reader's buffer; copy the id out before reading further.
            let idCopy = Array(id)
            guard let body = try reader.next(length) else { throw BenchError("\(path): the last record is cut short") }
            try each(idCopy[...], seq, recorded, body)
        }
    }

    private static func integer(_ bytes: ArraySlice<UInt8>, at index: Int, bytes count: Int) -> Int64 {
        var value: UInt64 = 0
        for i in (0..<count).reversed() { value = value << 8 | UInt64(bytes[index + i]) }
        return Int64(bitPattern: value)
    }
}

extension BufferedFile {
    func append(littleEndian value: Int64, bytes count: Int = 8) throws {
        var v = UInt64(bitPattern: value)
        for _ in 0..<count {
            try append(byte: UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
    }
}
