import Foundation

/// Counts sign-in attempts in memory, per account and per address, *before* the password is checked, in one
/// step an actor makes atomic: sixty guesses sent at once get `SignIn.accountLimit` tries at the password,
/// not sixty. An attempt counts as a failure until it succeeds; the database's `login_attempt` rows add the
/// failures of earlier runs and other servers.
public actor SignInLimiter {
    private let window: Int
    private let accountLimit: Int
    private let addressLimit: Int
    private var accounts: [String: [Int]] = [:]
    private var addresses: [String: [Int]] = [:]
    private var lastSweep = 0

    public init(window: Int = SignIn.window, accountLimit: Int = SignIn.accountLimit, addressLimit: Int = SignIn.addressLimit) {
        self.window = window
        self.accountLimit = accountLimit
        self.addressLimit = addressLimit
    }

    /// One attempt, counted before its password is checked.
    public struct Ticket: Sendable {
        let account: String
        let address: String
        let at: Int
    }

    /// Counts an attempt and returns its ticket, or `nil` when the account or the address has had its tries.
    public func reserve(username: String, address: String, now: Int) -> Ticket? {
        sweep(now)
        let account = String(username.prefix(64)), since = now - window
        let accountCount = accounts[account, default: []].filter { $0 >= since }.count
        let addressCount = addresses[address, default: []].filter { $0 >= since }.count
        guard accountCount < accountLimit, addressCount < addressLimit else { return nil }
        accounts[account, default: []].append(now)
        addresses[address, default: []].append(now)
        return Ticket(account: account, address: address, at: now)
    }

    /// The attempt did not count as a failure after all: it signed in, or it was never checked (the pool was full).
    public func release(_ ticket: Ticket) {
        if let index = accounts[ticket.account]?.firstIndex(of: ticket.at) { accounts[ticket.account]?.remove(at: index) }
        if let index = addresses[ticket.address]?.firstIndex(of: ticket.at) { addresses[ticket.address]?.remove(at: index) }
    }

    /// Drops attempts older than the window, at most once a minute, so the memory stays bounded by recent traffic.
    private func sweep(_ now: Int) {
        guard now - lastSweep >= 60 else { return }
        lastSweep = now
        let since = now - window
        accounts = accounts.compactMapValues { times in let kept = times.filter { $0 >= since }; return kept.isEmpty ? nil : kept }
        addresses = addresses.compactMapValues { times in let kept = times.filter { $0 >= since }; return kept.isEmpty ? nil : kept }
    }
}
