/// One line of the audit log: who did what, where, to how many records, with what outcome.
///
/// Events are chained: each event's `hash` covers its own fields and the previous event's hash, so an
/// edited, inserted or deleted row breaks the chain from that point (`AuditChain.firstBreak`).
/// No personal data goes into an event: `target` names a file, a user or a route, never a NIK or a name.
public struct AuditEvent: Sendable, Hashable, Codable {
    /// What happened. The raw values are stored and searched (`lumbung audit --action login.failed`).
    public enum Action: String, Sendable, Codable, CaseIterable {
        case loginSucceeded = "login.succeeded"
        case loginFailed = "login.failed"
        case loginThrottled = "login.throttled"
        case logout
        case accessDenied = "access.denied"
        case personalDataViewed = "personal_data.viewed"
        case personalDataExported = "personal_data.exported"
        case importStarted = "import.started"
        case importCancelled = "import.cancelled"
        case userAdded = "user.added"
        case userChanged = "user.changed"
        case userDisabled = "user.disabled"
        case passwordReset = "user.password_reset"
        case tokenIssued = "token.issued"
        case tokenRevoked = "token.revoked"
        case tokenRejected = "token.rejected"
        case sessionRejected = "session.rejected"
        case csrfRejected = "csrf.rejected"
        /// Events of people not signed in beyond the per-address limit, counted in `recordCount` instead of written one by one.
        case eventsSuppressed = "audit.suppressed"
        case organisationAdded = "organisation.added"
        case organisationChanged = "organisation.changed"
        case organisationClosed = "organisation.closed"
        case programmeAdded = "programme.added"
        case programmeChanged = "programme.changed"
        case programmeClosed = "programme.closed"
        case columnTemplateSaved = "column_template.saved"
        case columnTemplateDeleted = "column_template.deleted"
        case targetSaved = "target.saved"
        case targetDeleted = "target.deleted"
        case externalImported = "external.imported"
    }

    public var id: Int
    /// UTC, ISO 8601 with milliseconds.
    public var at: String
    /// The username, or `-` for someone not signed in.
    public var actor: String
    public var action: Action
    public var region: String?
    public var target: String?
    public var recordCount: Int?
    /// `ok`, `denied`, `failed`.
    public var outcome: String
    public var address: String?
    public var previousHash: String
    public var hash: String

    public init(id: Int, at: String, actor: String, action: Action, region: String?, target: String?, recordCount: Int?,
                outcome: String, address: String?, previousHash: String, hash: String = "") {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.region = region
        self.target = target
        self.recordCount = recordCount
        self.outcome = outcome
        self.address = address
        self.previousHash = previousHash
        self.hash = hash
    }
}

/// The hash chain over the audit log.
public enum AuditChain {
    /// The `previousHash` of the first event.
    public static let genesis = String(repeating: "0", count: 64)

    /// SHA-256 over the event's fields (its id included, so rows cannot be reordered) and the previous hash.
    public static func hash(of event: AuditEvent) -> String {
        let fields: [String] = [String(event.id), event.at, event.actor, event.action.rawValue, event.region ?? "", event.target ?? "",
                                event.recordCount.map(String.init) ?? "", event.outcome, event.address ?? "", event.previousHash]
        return SHA256.hex(fields.map { $0.replacingAll("|", with: "\\|") }.joined(separator: "|"))
    }

    /// The id of the first event whose hash or link does not hold, or `nil` when the whole chain holds.
    /// `events` must be in id order; `previous` is the hash before the first of them.
    public static func firstBreak(in events: [AuditEvent], after previous: String = genesis) -> Int? {
        var expected = previous
        for event in events {
            guard event.previousHash == expected, hash(of: event) == event.hash else { return event.id }
            expected = event.hash
        }
        return nil
    }
}

extension String {
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for character in self { if character == target { out += replacement } else { out.append(character) } }
        return out
    }
}
