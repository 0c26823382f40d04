import LanterneData

/// A simulation setting out of range (no period, too few households, a share outside 0 to 1).
public typealias SimulationSettingError = SettingError
