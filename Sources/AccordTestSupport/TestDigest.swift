import Crypto

/// SHA-256 computed by the tests themselves, to check ids without trusting the code under test.
public enum TestDigest {
    /// The SHA-256 of `bytes` as 64 lowercase hex digits.
    public static func sha256Hex(_ bytes: some Sequence<UInt8>) -> String {
        SHA256.hash(data: Array(bytes)).map { String(format: "%02x", $0) }.joined()
    }
}
