import AccordLog
import AccordSync
import ArgumentParser
import Foundation

extension AccordCommand.SyncCommand {
    /// `accord sync s3://BUCKET/PREFIX`: segments through an S3-compatible bucket.
    struct Bucket: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bucket",
            abstract: "Sync through an S3-compatible bucket: accord sync s3://BUCKET/PREFIX.",
            discussion: """
                The same segments as a shared folder, as keys PREFIX/<feed id>/<first>-<last>.bundle. \
                The endpoint comes from --endpoint or ACCORD_S3_ENDPOINT (default: AWS in the region), the \
                region from --region, AWS_REGION or AWS_DEFAULT_REGION (default us-east-1), the credentials \
                from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, else ~/.aws/credentials (profile \
                AWS_PROFILE or default). Requests are signed with AWS Signature V4. The word `bucket` may be \
                left out.

                Examples:
                  accord sync s3://team-accord/ccm --endpoint http://127.0.0.1:8333
                  ACCORD_S3_ENDPOINT=https://s3.example.org accord sync s3://team-accord --json
                """)
        @OptionGroup var options: StoreOptions
        @Argument(help: "s3://BUCKET/PREFIX") var url: String
        @Option(help: "The S3 service's URL (default: $ACCORD_S3_ENDPOINT, else AWS).") var endpoint: String?
        @Option(help: "The signing region (default: $AWS_REGION, else us-east-1).") var region: String?
        @Flag(help: "Do not send If-None-Match: * with uploads (for services that refuse it).") var noPutGuard = false
        @Flag(help: "Print what was written and read as one JSON object.") var json = false

        func run() throws {
            try runReporting {
                let environment = ProcessInfo.processInfo.environment
                let location = try S3Location(url)
                let credentials = try S3Credentials.find(environment: environment)
                let region = region ?? environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"] ?? "us-east-1"
                let endpoint = endpoint ?? environment["ACCORD_S3_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 }
                let timeout = environment["ACCORD_S3_TIMEOUT"].flatMap(Double.init) ?? 30
                let remote = try S3Remote(
                    bucket: location, endpoint: endpoint, region: region, credentials: credentials, guardPuts: !noPutGuard, timeout: timeout)
                try runSegmentSync(options: options, remote: remote, json: json)
            }
        }
    }
}
