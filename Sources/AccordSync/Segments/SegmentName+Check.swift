import AccordLog

extension SegmentName {
    /// Checks that a bundle header is what this name promises: sent by the feed's own
    /// replica, carrying that feed alone, its signed head at `last`, `last - first + 1` events.
    ///
    /// - Throws: `.invalidBundle` saying how the name and the content disagree.
    func check(_ header: BundleHeader, place: String) throws(AccordError) {
        let heads = header.heads.map { "\($0.head.feed.short)… up to seq \($0.head.seq)" }.joined(separator: ", ")
        guard header.sender == feed, header.heads.count == 1, let head = header.heads.first, head.head.feed == feed,
              head.head.seq == last, header.events == events
        else {
            throw mismatch("its content holds \(header.events) event\(header.events == 1 ? "" : "s") of \(heads.isEmpty ? "no feed" : heads), sent by \(header.sender.short)…", place: place)
        }
    }

    /// Checks that the first event of the bundle is the name's first seq.
    func check(firstEvent envelope: Envelope, place: String) throws(AccordError) {
        guard envelope.feed == feed, envelope.seq == first else {
            throw mismatch("its first event is seq \(envelope.seq) of feed \(envelope.feed.short)…", place: place)
        }
    }

    private func mismatch(_ content: String, place: String) -> AccordError {
        AccordError(
            .invalidBundle,
            "the segment's name says feed \(feed.short)… seqs \(first)–\(last) but \(content): it was renamed or altered",
            place: place)
    }
}
