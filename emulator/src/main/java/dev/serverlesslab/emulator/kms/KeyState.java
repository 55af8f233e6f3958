package dev.serverlesslab.emulator.kms;

/** The KMS key states the emulator models, spelled as AWS spells them on the wire. */
public enum KeyState {
    Enabled,
    Disabled,
    PendingDeletion
}
