import AccordSync
import Testing

/// AWS Signature V4 against AWS's published test suite
/// (<https://docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html>,
/// the `aws-sig-v4-test-suite` cases): for each request, the canonical request,
/// the string to sign and the Authorization header, written in from the suite's
/// `.creq`, `.sts` and `.authz` files. The suite signs for service `service` in
/// `us-east-1` at 20150830T123600Z with the example key below. (The
/// path-normalisation cases are left out: S3 never normalises paths. So are the
/// two `post-x-www-form-urlencoded` cases, whose published files disagree with
/// each other: their `.sts` hashes a canonical request with
/// `content-type:…; charset=utf8` and no `content-length`, not the `.creq`
/// published beside it — SHA-256 of that `.creq` is 40329ab1…, not 2e1cf7ed….)
@Suite("Signature V4 matches AWS's published test vectors")
struct SignatureV4Tests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let name: String
        let method: String
        let path: String
        let query: [[String]]
        let headers: [[String]]
        let payloadHash: String
        let creq: String
        let sts: String
        let authz: String

        var testDescription: String { name }
    }

    static let emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    static let timestamp = "20150830T123600Z"
    static let signer = SignatureV4(
        accessKey: "AKIDEXAMPLE", secretKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", region: "us-east-1", service: "service")
    static let host = ["Host", "example.amazonaws.com"]
    static let date = ["X-Amz-Date", "20150830T123600Z"]
    static let scope = "20150830/us-east-1/service/aws4_request"
    /// The suite's session token (its `post-sts-token` cases).
    static let stsToken = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA=="

    static let vectors: [Vector] = [
        Vector(
            name: "get-vanilla", method: "GET", path: "/", query: [], headers: [host, date], payloadHash: emptyHash,
            creq: "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\(emptyHash)",
            sts: "AWS4-HMAC-SHA256\n20150830T123600Z\n\(scope)\nbb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63",
            authz: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\(scope), SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
        Vector(
            name: "get-vanilla-query-order-key-case", method: "GET", path: "/", query: [["Param2", "value2"], ["Param1", "value1"]],
            headers: [host, date], payloadHash: emptyHash,
            creq: "GET\n/\nParam1=value1&Param2=value2\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\(emptyHash)",
            sts: "AWS4-HMAC-SHA256\n20150830T123600Z\n\(scope)\n816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0",
            authz: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\(scope), SignedHeaders=host;x-amz-date, Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
        Vector(
            name: "get-vanilla-query-order-key", method: "GET", path: "/", query: [["Param1", "value2"], ["Param1", "Value1"]],
            headers: [host, date], payloadHash: emptyHash,
            creq: "GET\n/\nParam1=Value1&Param1=value2\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\(emptyHash)",
            sts: "AWS4-HMAC-SHA256\n20150830T123600Z\n\(scope)\n704b4cef673542d84cdff252633f065e8daeba5f168b77116f8b1bcaf3d38f89",
            authz: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\(scope), SignedHeaders=host;x-amz-date, Signature=eedbc4e291e521cf13422ffca22be7d2eb8146eecf653089df300a15b2382bd1"),
        Vector(
            name: "get-vanilla-utf8-query", method: "GET", path: "/", query: [["\u{1234}", "bar"]], headers: [host, date], payloadHash: emptyHash,
            creq: "GET\n/\n%E1%88%B4=bar\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\(emptyHash)",
            sts: "AWS4-HMAC-SHA256\n20150830T123600Z\n\(scope)\neb30c5bed55734080471a834cc727ae56beb50e5f39d1bff6d0d38cb192a7073",
            authz: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\(scope), SignedHeaders=host;x-amz-date, Signature=2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"),
        Vector(
            name: "get-vanilla-query-unreserved", method: "GET", path: "/",
            query: [["-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"]],
            headers: [host, date], payloadHash: emptyHash,
            creq: "GET\n/\n-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\(emptyHash)",
            sts: "AWS4-HMAC-SHA256\n20150830T123600Z\n\(scope)\nc30d4703d9f799439be92736156d47ccfb2d879ddf56f5befa6d1d6aab979177",
            authz: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\(scope), SignedHeaders=host;x-amz-date, Signature=9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197"),
        Vector(
            name: "get-unreserved", method: "GET", path: "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", query: [],
            headers: [host, date], payloadHash: emptyHash,
            creq: "GET\n/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\(emptyHash)",
            sts: "AWS4-HMAC-SHA256\n20150830T123600Z\n\(scope)\n6a968768eefaa713e2a6b16b589a8ea192661f098f37349f4e2c0082757446f9",
            authz: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\(scope), SignedHeaders=host;x-amz-date, Signature=07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"),
        Vector(
            name: "get-header-key-duplicate", method: "GET", path: "/", query: [],
            headers: [host, ["My-Header1", "value2"], ["My-Header1", "value2"], ["My-Header1", "value1"], date], payloadHash: emptyHash,
            creq: "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value2,value2,value1\nx-amz-date:20150830T123600Z\n\nhost;my-header1;x-amz-date\n\(emptyHash)",
            sts: "AWS4-HMAC-SHA256\n20150830T123600Z\n\(scope)\ndc7f04a3abfde8d472b0ab1a418b741b7c67174dad1551b4117b15527fbe966c",
            authz: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\(scope), SignedHeaders=host;my-header1;x-amz-date, Signature=c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea"),
        Vector(
            name: "get-header-value-trim", method: "GET", path: "/", query: [],
            headers: [host, ["My-Header1", " value1"], ["My-Header2", " \"a   b   c\""], date], payloadHash: emptyHash,
            creq: "GET\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nmy-header2:\"a b c\"\nx-amz-date:20150830T123600Z\n\nhost;my-header1;my-header2;x-amz-date\n\(emptyHash)",
            sts: "AWS4-HMAC-SHA256\n20150830T123600Z\n\(scope)\na726db9b0df21c14f559d0a978e563112acb1b9e05476f0a6a1c7d68f28605c7",
            authz: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\(scope), SignedHeaders=host;my-header1;my-header2;x-amz-date, Signature=acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"),
        Vector(
            name: "post-header-key-sort", method: "POST", path: "/", query: [], headers: [host, ["My-Header1", "value1"], date],
            payloadHash: emptyHash,
            creq: "POST\n/\n\nhost:example.amazonaws.com\nmy-header1:value1\nx-amz-date:20150830T123600Z\n\nhost;my-header1;x-amz-date\n\(emptyHash)",
            sts: "AWS4-HMAC-SHA256\n20150830T123600Z\n\(scope)\n9368318c2967cf6de74404b30c65a91e8f6253e0a8659d6d5319f1a812f87d65",
            authz: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\(scope), SignedHeaders=host;my-header1;x-amz-date, Signature=c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c"),
        Vector(
            name: "post-vanilla-query", method: "POST", path: "/", query: [["Param1", "value1"]], headers: [host, date], payloadHash: emptyHash,
            creq: "POST\n/\nParam1=value1\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\(emptyHash)",
            sts: "AWS4-HMAC-SHA256\n20150830T123600Z\n\(scope)\n9d659678c1756bb3113e2ce898845a0a79dbbc57b740555917687f1b3340fbbd",
            authz: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\(scope), SignedHeaders=host;x-amz-date, Signature=28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"),
        Vector(
            name: "get-space", method: "GET", path: SignatureV4.encode("/example space/", keepSlash: true), query: [],
            headers: [host, date], payloadHash: emptyHash,
            creq: "GET\n/example%20space/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n\(emptyHash)",
            sts: "AWS4-HMAC-SHA256\n20150830T123600Z\n\(scope)\n63ee75631ed7234ae61b5f736dfc7754cdccfedbff4b5128a915706ee9390d86",
            authz: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\(scope), SignedHeaders=host;x-amz-date, Signature=652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741"),
        Vector(
            name: "post-sts-header-before", method: "POST", path: "/", query: [],
            headers: [host, date, ["X-Amz-Security-Token", stsToken]], payloadHash: emptyHash,
            creq: "POST\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\nx-amz-security-token:\(stsToken)\n\nhost;x-amz-date;x-amz-security-token\n\(emptyHash)",
            sts: "AWS4-HMAC-SHA256\n20150830T123600Z\n\(scope)\nc237e1b440d4c63c32ca95b5b99481081cb7b13c7e40434868e71567c1a882f6",
            authz: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\(scope), SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead"),
    ]

    @Test(arguments: vectors)
    func theCanonicalRequestStringToSignAndAuthorizationAreTheSuites(_ vector: Vector) {
        // Given one request of the suite
        let request = SignatureV4.Request(
            method: vector.method, path: vector.path, query: vector.query.map { ($0[0], $0[1]) },
            headers: vector.headers.map { ($0[0], $0[1]) }, payloadHash: vector.payloadHash)
        // When it is signed, Then each step is the suite's, byte for byte
        #expect(Self.signer.canonicalRequest(request) == vector.creq)
        #expect(Self.signer.stringToSign(request, timestamp: Self.timestamp) == vector.sts)
        #expect(Self.signer.authorization(request, timestamp: Self.timestamp) == vector.authz)
    }

    @Test func anObjectKeyKeepsItsSlashesAndEncodesEverythingElseOnce() {
        #expect(SignatureV4.encode("team/ab12/000-001.bundle", keepSlash: true) == "team/ab12/000-001.bundle")
        #expect(SignatureV4.encode("a b+c=d/e", keepSlash: false) == "a%20b%2Bc%3Dd%2Fe")
        #expect(SignatureV4.timestamp(.init(timeIntervalSince1970: 1_440_938_160)) == "20150830T123600Z")
    }
}
