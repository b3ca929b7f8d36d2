/// An event as it sits in a store: its envelope and its local row number
/// (the order this replica recorded or received it).
public struct StoredEvent: Sendable {
    public let num: Int64
    public let envelope: Envelope

    public init(num: Int64, envelope: Envelope) {
        self.num = num
        self.envelope = envelope
    }
}
