import LumbungDomain

/// The families of one kabupaten/kota living from one yearly release to the next.
///
/// Each year (release N − 1 → N), drawn from the seed and the release number only, so release N of a seed is always the
/// same and always release N − 1 one year on:
///
/// | event | yearly rate | what the files show |
/// |---|---|---|
/// | death | by age on N − 1's date: 2 % under 1, 0.2 % 1–4, 0.07 % 5–14, 0.12 % 15–29, 0.25 % 30–44, 0.6 % 45–54, 1.4 % 55–64, 3.5 % 65–74, 8 % 75–84, 18 % from 85; × (1 + 0.3 × poverty) | the person is gone (`desa-penduduk` lists them with `status_dasar` 2 mati); a dead head is replaced by the spouse (widowed) or the oldest member; a family left empty is gone with its KK |
/// | birth | per married wife or female head, by her age: 15 % 17–19, 26 % 20–24, 24 % 25–29, 18 % 30–34, 10 % 35–39, 3 % 40–44 | a new NIK (the desa's kecamatan, the birth date) as `anak` in the family |
/// | marriage | single children (SHDK anak): sons 20–34 and daughters 17–30, 12 % each, paired within a kecamatan | both leave their families for a new No. KK (issued in the year), 70 % in the groom's desa, else a desa of the same kecamatan |
/// | move | 1 % of families | the whole family, KK kept, to another desa: 60 % in the same kecamatan, else anywhere in the kabupaten/kota |
/// | desil | 80 % stay; 7 % one desil poorer, 2 % two poorer; 8 % one richer, 3 % two richer (a move past desil 1 or 10 stays) | the family's desil |
/// | programme end | 10 % a year for a family in desil 1–4, 25 % in desil 5, 50 % in desil 6–10 | the enrolment rows are gone |
/// | programme start | a quarter of release 1's chance for the family's desil (see `ProgramAssignment.rate`) | new enrolment rows |
///
/// Nobody moves between kabupaten/kota or out of the province, so a person missing from release N died.
struct ReleaseChain {
    let regency: PopulationPlan.Regency
    let seed: UInt64
    /// The families of each village (as `regency.villages`).
    var villages: [[SynthFamily]]
    /// What changed in the last release advanced with `countingChanges`, per desa, kecamatan and the kabupaten/kota.
    private(set) var changes: [RegionCode: TruthReleaseDiff] = [:]
    private let dusuns: [[String]]
    private let desaBerdaya: [Bool]
    private var nextOrdinal: [Int]
    private let villagesOfKecamatan: [RegionCode: [Int]]

    static let deathRates: [(upTo: Int, rate: Double)] = [
        (0, 0.02), (4, 0.002), (14, 0.0007), (29, 0.0012), (44, 0.0025), (54, 0.006), (64, 0.014), (74, 0.035), (84, 0.08), (.max, 0.18),
    ]
    static let fertility: [(upTo: Int, rate: Double)] = [(16, 0), (19, 0.15), (24, 0.26), (29, 0.24), (34, 0.18), (39, 0.10), (44, 0.03), (.max, 0)]
    /// Desil steps (negative: poorer, toward desil 1) and their yearly chances.
    static let desilSteps: [(step: Int, chance: Double)] = [(-2, 0.02), (-1, 0.07), (0, 0.80), (1, 0.08), (2, 0.03)]
    static let marriageRate = 0.12
    static let moveRate = 0.01

    init(regency: PopulationPlan.Regency, seed: UInt64, firstReleases: [RegencyJob.FirstRelease]) {
        self.regency = regency
        self.seed = seed
        villages = firstReleases.map(\.families)
        dusuns = firstReleases.map(\.dusuns)
        desaBerdaya = firstReleases.map(\.desaBerdaya)
        nextOrdinal = firstReleases.map { ($0.families.map(\.ordinal).max() ?? 0) + 1 }
        villagesOfKecamatan = Dictionary(grouping: regency.villages.indices, by: { regency.villages[$0].kecamatan.code })
    }

    private struct Candidate {
        let village: Int
        let family: Int
        let nik: String
    }

    /// Lives one year: release `release − 1` on `start` becomes release `release` on `end`.
    mutating func advance(to release: Int, from start: CalendarDate, until end: CalendarDate, countingChanges: Bool) {
        var formerDesa: [String: Int] = [:]
        var formerDesil: [String: Int] = [:]
        var formerEnrolments: [String: Int] = [:]
        if countingChanges {
            formerEnrolments = Self.runningEnrolments(villages)
            for (village, families) in villages.enumerated() {
                for family in families {
                    if let kk = family.household.kkNumber { formerDesil[kk] = family.desil }
                    for person in family.members { if let nik = person.nik { formerDesa[nik] = village } }
                }
            }
        }
        var issuers = regency.villages.map { IdentityIssuer(village: $0) }
        var grooms: [RegionCode: [Candidate]] = [:]
        var brides: [RegionCode: [Candidate]] = [:]
        var moves: [(village: Int, family: Int, to: Int)] = []
        let days = max(1, end.daysSince1970 - start.daysSince1970)
        for village in villages.indices {
            let plan = regency.villages[village]
            var random = SynthRandom(seed: seed, stream: "release-\(release)/village/\(plan.region.code.dotted)")
            var kept: [SynthFamily] = []
            for var family in villages[village] {
                guard live(&family, in: plan, start: start, end: end, days: days, issuer: &issuers[village], random: &random) else { continue }
                changeDesil(&family, random: &random)
                renewProgrammes(&family, asOf: end, desaBerdaya: desaBerdaya[village], random: &random)
                for person in family.members where person.relationship == .child && person.maritalStatus != .married {
                    guard let nik = person.nik, let age = person.birthDate?.age(on: end) else { continue }
                    let candidate = Candidate(village: village, family: kept.count, nik: nik)
                    if person.sex == .male, (20...34).contains(age), random.chance(Self.marriageRate) {
                        grooms[plan.kecamatan.code, default: []].append(candidate)
                    } else if person.sex == .female, (17...30).contains(age), random.chance(Self.marriageRate) {
                        brides[plan.kecamatan.code, default: []].append(candidate)
                    }
                }
                if random.chance(Self.moveRate), let destination = destination(from: village, random: &random) {
                    moves.append((village, kept.count, destination))
                }
                kept.append(family)
            }
            villages[village] = kept
        }
        var newFamilies: [(village: Int, family: SynthFamily)] = []
        for kecamatan in grooms.keys.sorted() {
            var random = SynthRandom(seed: seed, stream: "release-\(release)/marriages/\(kecamatan.dotted)")
            var pool = brides[kecamatan] ?? []
            for index in pool.indices.dropLast().reversed() { pool.swapAt(index, random.int(index...pool.count - 1)) }
            for (groom, bride) in zip(grooms[kecamatan] ?? [], pool) {
                guard groom.village != bride.village || groom.family != bride.family else { continue }
                let groomFamily = villages[groom.village][groom.family]
                guard var husband = take(groom), var wife = take(bride) else { continue }
                husband.relationship = .head
                husband.maritalStatus = .married
                wife.relationship = .wife
                wife.maritalStatus = .married
                let others = villagesOfKecamatan[kecamatan] ?? [groom.village]
                let home = random.chance(0.7) ? groom.village : random.pick(others)
                let issued = start.adding(days: random.int(1...days))
                let step = random.pick([-1, 0, 0, 1])
                let desil = min(10, max(1, groomFamily.desil + step))
                let poverty = Double(10 - desil) / 9
                let household = Household(
                    kkNumber: issuers[home].kk(issueDate: issued), sourceFamilyID: nil, villageCode: regency.villages[home].region.code,
                    headName: husband.name, address: "Dusun \(random.pick(dusuns[home]))", rt: FamilyFactory.pad3(random.int(1...8)),
                    rw: FamilyFactory.pad3(random.int(1...4)), desil: desil,
                    housing: FamilyFactory.makeHousing(members: 2, poverty: poverty, random: &random))
                var family = SynthFamily(household: household, members: [husband, wife], ordinal: nextOrdinal[home], poverty: poverty)
                nextOrdinal[home] += 1
                renewProgrammes(&family, asOf: end, desaBerdaya: desaBerdaya[home], random: &random)
                newFamilies.append((home, family))
            }
        }
        // Whole families move (after the marriages, which address families by their place before any move).
        var leaving: Set<[Int]> = []
        var arrivals: [(village: Int, family: SynthFamily)] = []
        for move in moves {
            leaving.insert([move.village, move.family])
            var family = villages[move.village][move.family]
            var random = SynthRandom(seed: seed, stream: "release-\(release)/move/\(family.household.kkNumber ?? "")")
            family.household.villageCode = regency.villages[move.to].region.code
            family.household.address = "Dusun \(random.pick(dusuns[move.to]))"
            family.household.rt = FamilyFactory.pad3(random.int(1...8))
            family.household.rw = FamilyFactory.pad3(random.int(1...4))
            family.ordinal = nextOrdinal[move.to]
            nextOrdinal[move.to] += 1
            arrivals.append((move.to, family))
        }
        if !leaving.isEmpty {
            for village in villages.indices {
                villages[village] = villages[village].enumerated().filter { !leaving.contains([village, $0.offset]) }.map(\.element)
            }
        }
        for (village, family) in arrivals + newFamilies { villages[village].append(family) }
        for village in villages.indices {
            for index in villages[village].indices { Self.reindexEnrollments(&villages[village][index]) }
        }
        if countingChanges { count(formerDesa: formerDesa, formerDesil: formerDesil, formerEnrolments: formerEnrolments, start: start) }
    }

    // MARK: One family's year

    /// Deaths, births, pregnancies and schooling; `false` when nobody is left.
    private func live(_ family: inout SynthFamily, in plan: PopulationPlan.Village, start: CalendarDate, end: CalendarDate, days: Int,
                      issuer: inout IdentityIssuer, random: inout SynthRandom) -> Bool {
        var survivors: [Person] = []
        family.deceased = []
        var headDied = false
        var spouseDied = false
        for (index, person) in family.members.enumerated() {
            let age = person.birthDate?.age(on: start) ?? 30
            let rate = Self.deathRates.first { age <= $0.upTo }?.rate ?? 0.18
            if random.chance(rate * (1 + 0.3 * family.poverty)) {
                if index == 0 { headDied = true }
                if person.relationship == .wife || person.relationship == .husband { spouseDied = true }
                family.deceased.append(person)
                continue
            }
            survivors.append(person)
        }
        guard !survivors.isEmpty else { return false }
        if headDied {
            let spouse = survivors.firstIndex { $0.relationship == .wife || $0.relationship == .husband }
            let oldest = survivors.indices.min { (survivors[$0].birthDate?.daysSince1970 ?? 0) < (survivors[$1].birthDate?.daysSince1970 ?? 0) } ?? 0
            var head = survivors.remove(at: spouse ?? oldest)
            if spouse != nil { head.maritalStatus = .widowed }
            head.relationship = .head
            survivors.insert(head, at: 0)
        } else if spouseDied {
            survivors[0].maritalStatus = .widowed
        }
        family.members = survivors
        family.household.headName = survivors[0].name
        // A birth to the first married wife or female head.
        if let mother = survivors.first(where: { $0.sex == .female && $0.maritalStatus == .married
                && ($0.relationship == .wife || $0.relationship == .head) }),
           let age = mother.birthDate?.age(on: end),
           random.chance(Self.fertility.first { age <= $0.upTo }?.rate ?? 0) {
            let birthDate = start.adding(days: random.int(1...days))
            let sex: Sex = random.chance(0.51) ? .male : .female
            let onSumbawa = regency.onSumbawa
            var name = random.pick(sex == .male ? (onSumbawa ? Vocabulary.sumbawaMale : Vocabulary.lombokMale)
                                                : (onSumbawa ? Vocabulary.sumbawaFemale : Vocabulary.lombokFemale))
            let second = random.pick(onSumbawa ? Vocabulary.sumbawaSecond : Vocabulary.lombokSecond)
            if !second.isEmpty { name += " " + second }
            let pbi = family.enrollments.contains { $0.program == ProgramCatalog.pbi }
            family.members.append(Person(
                nik: issuer.nik(birthDate: birthDate, sex: sex, origin: nil), name: name, sex: sex, birthDate: birthDate,
                birthPlace: plan.kecamatan.name, relationship: .child, maritalStatus: .single, education: Education.none,
                occupation: "Belum/Tidak Bekerja", motherName: mother.name, chronicIllness: 1, healthInsurance: pbi ? [.pbi] : []))
        }
        for index in family.members.indices {
            var person = family.members[index]
            let age = person.birthDate?.age(on: end) ?? 30
            person.pregnant = person.sex == .female && person.maritalStatus == .married && (18...44).contains(age) && random.chance(0.05)
            if (5...18).contains(age) && person.schoolParticipation == nil {
                person.schoolParticipation = random.chance(0.9) ? .enrolled : .never
            } else if age >= 19 && person.schoolParticipation == .enrolled && random.chance(0.5) {
                person.schoolParticipation = .noLonger
                if person.occupation == "Pelajar/Mahasiswa" { person.occupation = "Belum/Tidak Bekerja" }
            }
            family.members[index] = person
        }
        return true
    }

    private func changeDesil(_ family: inout SynthFamily, random: inout SynthRandom) {
        let step = Self.desilSteps[random.weighted(Self.desilSteps.map(\.chance))].step
        let desil = family.desil + step
        guard (1...10).contains(desil), step != 0 else { return }
        family.household.desil = desil
        family.poverty = Double(10 - desil) / 9
    }

    /// Ends and starts programmes for the family's (new) desil; health insurance follows PBI-JK.
    private func renewProgrammes(_ family: inout SynthFamily, asOf: CalendarDate, desaBerdaya: Bool, random: inout SynthRandom) {
        let held = Set(family.enrollments.map(\.program.code))
        let hasDependants = ProgramAssignment.hasDependants(family, asOf: asOf)
        let ending = family.desil >= 6 ? 0.5 : family.desil == 5 ? 0.25 : 0.1
        var programs: [ProgramCatalog.Program] = []
        for program in ProgramCatalog.all {
            if held.contains(program.code) {
                if !random.chance(ending) { programs.append(program) }
            } else if let chance = ProgramAssignment.rate(of: program, desil: family.desil, hasDependants: hasDependants,
                                                          desaBerdaya: desaBerdaya, chosen: programs),
                      random.chance(0.25 * chance) {
                programs.append(program)
            }
        }
        family.enrollments = ProgramAssignment.enrollments(programs, memberCount: family.members.count)
        let pbi = programs.contains(ProgramCatalog.pbi)
        for index in family.members.indices {
            let insurance = family.members[index].healthInsurance ?? []
            if pbi {
                family.members[index].healthInsurance = [.pbi]
            } else if insurance.contains(.pbi) {
                var own: HealthInsurance = []
                if random.chance(0.25 + 0.45 * (1 - family.poverty)) { own.insert(random.chance(0.6) ? .selfPaid : .employer) }
                family.members[index].healthInsurance = own
            }
        }
    }

    /// The enrolment rows again after members left or arrived: family programmes through the head, PBI-JK per member.
    private static func reindexEnrollments(_ family: inout SynthFamily) {
        var programs: [ProgramCatalog.Program] = []
        for enrollment in family.enrollments where !programs.contains(enrollment.program) { programs.append(enrollment.program) }
        family.enrollments = ProgramAssignment.enrollments(programs, memberCount: family.members.count)
    }

    /// Another desa of the kabupaten/kota: 60 % one of the same kecamatan.
    private func destination(from village: Int, random: inout SynthRandom) -> Int? {
        let near = (villagesOfKecamatan[regency.villages[village].kecamatan.code] ?? []).filter { $0 != village }
        if !near.isEmpty && random.chance(0.6) { return random.pick(near) }
        let far = regency.villages.indices.filter { $0 != village }
        return far.isEmpty ? nil : random.pick(far)
    }

    /// Takes a member (a marrying child) out of the family.
    private mutating func take(_ candidate: Candidate) -> Person? {
        guard let index = villages[candidate.village][candidate.family].members.firstIndex(where: { $0.nik == candidate.nik }) else { return nil }
        return villages[candidate.village][candidate.family].members.remove(at: index)
    }

    // MARK: Counting

    /// The index in `ProgramCatalog.all` of a running enrolment's programme (`PKH|…` → 0).
    private static func programmeIndex(_ key: String) -> Int {
        let code = key.prefix { $0 != "|" }
        return ProgramCatalog.all.firstIndex { $0.code == code } ?? 0
    }

    /// The running enrolments, `PROGRAMME|KK` for a family programme and `PROGRAMME|NIK` per member for PBI-JK, with the
    /// index of their desa — as the DTSEN files flag them (`kd_pkh` … on the family row, `kd_pbi` on each member's).
    static func runningEnrolments(_ villages: [[SynthFamily]]) -> [String: Int] {
        var running: [String: Int] = [:]
        for (village, families) in villages.enumerated() {
            for family in families {
                for program in Set(family.enrollments.map(\.program)) {
                    if program.perPerson {
                        for person in family.members { if let nik = person.nik { running["\(program.code)|\(nik)"] = village } }
                    } else if let kk = family.household.kkNumber {
                        running["\(program.code)|\(kk)"] = village
                    }
                }
            }
        }
        return running
    }

    private mutating func count(formerDesa: [String: Int], formerDesil: [String: Int], formerEnrolments: [String: Int], start: CalendarDate) {
        var former = formerDesa
        var changes: [RegionCode: TruthReleaseDiff] = [:]
        for village in regency.villages {
            for code in [village.region.code, village.kecamatan.code, regency.region.code] { changes[code] = TruthReleaseDiff() }
        }
        func levels(_ village: Int) -> [RegionCode] {
            [regency.villages[village].region.code, regency.villages[village].kecamatan.code, regency.region.code]
        }
        func add(_ village: Int, _ change: (inout TruthReleaseDiff) -> Void) {
            for code in levels(village) { change(&changes[code, default: TruthReleaseDiff()]) }
        }
        for (village, families) in villages.enumerated() {
            for family in families {
                if let kk = family.household.kkNumber, let before = formerDesil[kk] {
                    let now = family.desil
                    if now == 1 && before != 1 { add(village) { $0.enteredDesil1 += 1 } }
                    if before == 1 && now != 1 { add(village) { $0.leftDesil1 += 1 } }
                    if now <= 4 && before > 4 { add(village) { $0.enteredDesil1to4 += 1 } }
                    if before <= 4 && now > 4 { add(village) { $0.leftDesil1to4 += 1 } }
                }
                for person in family.members {
                    guard let nik = person.nik else { continue }
                    if let origin = former.removeValue(forKey: nik) {
                        guard origin != village else { continue }
                        for (from, to) in zip(levels(origin), levels(village)) where from != to {
                            changes[from, default: TruthReleaseDiff()].movedOut += 1
                            changes[to, default: TruthReleaseDiff()].movedIn += 1
                        }
                    } else if let born = person.birthDate, born > start {
                        add(village) { $0.births += 1 }
                    }
                }
            }
        }
        for village in former.values { add(village) { $0.deaths += 1 } }
        // Enrolments: new at their desa now, ended at their desa before.
        let running = Self.runningEnrolments(villages)
        var events: [[Int]: (new: Int, ended: Int)] = [:]
        for (key, village) in running where formerEnrolments[key] == nil {
            events[[village, Self.programmeIndex(key)], default: (0, 0)].new += 1
        }
        for (key, village) in formerEnrolments where running[key] == nil {
            events[[village, Self.programmeIndex(key)], default: (0, 0)].ended += 1
        }
        for (place, counts) in events.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            let code = ProgramCatalog.all[place[1]].code
            add(place[0]) { $0.addEnrolments(programme: code, new: counts.new, ended: counts.ended) }
        }
        self.changes = changes
    }
}
