extension TreatyClaim {
    /// The day a consent deposited on `depositDay` puts the treaty in force for the state:
    /// `max(treaty's entry into force, consent rule(deposit))`, or nil while the treaty's own
    /// entry into force is unknown.
    ///
    /// One rule covers deposits before and after the treaty's entry into force (CCM Art. 17:
    /// Burkina Faso 2010-02-16 → 2010-08-01, the convention's own date; Ecuador 2010-05-11 →
    /// 2010-11-01, after it; Lithuania 2011-03-24 → 2011-09-01).
    public func consentEffectiveDay(depositDay: Int) -> Int? {
        guard let entryIntoForce else { return nil }
        return max(entryIntoForce.firstDay, consentTakesEffect.effectiveDay(from: depositDay))
    }

    /// The day a withdrawal received on `noticeDay` takes effect.
    public func withdrawalEffectiveDay(noticeDay: Int) -> Int {
        withdrawalTakesEffect.effectiveDay(from: noticeDay)
    }
}
