import Foundation
import HTTPTypes
import Hummingbird
import LumbungDomain
import LumbungStore

/// How the HTTP server listens. Read once, at the edge (command line > environment > defaults).
public struct WebConfiguration: Sendable {
    /// Address to bind; `127.0.0.1` keeps Lumbung private to this machine, `0.0.0.0` opens it to the network.
    public var host: String
    /// TCP port; 0 picks a free one.
    public var port: Int

    public init(host: String = "127.0.0.1", port: Int = 8080) {
        self.host = host
        self.port = port
    }
}
