/// One person in a family, as the registry holds them. Personal data: never logged, shown masked.
public struct Person: Sendable, Hashable, Codable {
    /// The NIK as text, `nil` when missing (the person is then flagged for verification).
    public var nik: String?
    public var name: String
    public var sex: Sex?
    public var birthDate: CalendarDate?
    public var birthPlace: String?
    public var relationship: FamilyRelationship?
    public var maritalStatus: MaritalStatus?
    public var education: Education?
    public var occupation: String?
    public var motherName: String?
    public var disability: DisabilityType?
    public var pregnant: Bool
    /// Regsosek 430 code: 1 none, 2–18 a chronic disease.
    public var chronicIllness: Int?
    public var schoolParticipation: SchoolParticipation?
    public var healthInsurance: HealthInsurance?
    /// Religion (Dukcapil's *agama* codes), where the source gives it.
    public var religion: Religion?
    /// Alive, dead, moved…: `nil` when the source says nothing (the person is then taken as resident).
    public var residentStatus: ResidentStatus?
    /// The age the source states, for people without a birth date.
    public var statedAge: StatedAge?

    public init(nik: String?, name: String, sex: Sex?, birthDate: CalendarDate?, birthPlace: String? = nil,
                relationship: FamilyRelationship?, maritalStatus: MaritalStatus? = nil, education: Education? = nil,
                occupation: String? = nil, motherName: String? = nil, disability: DisabilityType? = nil,
                pregnant: Bool = false, chronicIllness: Int? = nil, schoolParticipation: SchoolParticipation? = nil,
                healthInsurance: HealthInsurance? = nil, religion: Religion? = nil, residentStatus: ResidentStatus? = nil,
                statedAge: StatedAge? = nil) {
        self.religion = religion
        self.residentStatus = residentStatus
        self.statedAge = statedAge
        self.nik = nik
        self.name = name
        self.sex = sex
        self.birthDate = birthDate
        self.birthPlace = birthPlace
        self.relationship = relationship
        self.maritalStatus = maritalStatus
        self.education = education
        self.occupation = occupation
        self.motherName = motherName
        self.disability = disability
        self.pregnant = pregnant
        self.chronicIllness = chronicIllness
        self.schoolParticipation = schoolParticipation
        self.healthInsurance = healthInsurance
    }

    /// Completed years on `date`, if the birth date is known.
    /// Completed years on `date`: from the birth date, or else from an age the source stated.
    public func age(on date: CalendarDate) -> Int? { birthDate.map { $0.age(on: date) } ?? statedAge?.age(on: date) }

    /// Whether the person counts in their desa: not dead, not moved away (see `ResidentStatus`).
    public var isResident: Bool { residentStatus?.countsAsResident ?? true }

    /// A person without a NIK is kept but must be verified before they can be matched to anyone.
    public var needsVerification: Bool { nik == nil }

    /// Whether the NIK can serve as the person's identity.
    public var nikStatus: NIKStatus { nik == nil ? .missing : .valid }
}

