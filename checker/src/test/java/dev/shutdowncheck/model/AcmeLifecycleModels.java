package dev.shutdowncheck.model;

import com.google.common.collect.ImmutableList;

/**
 * A library model of the kind users add in a jar of their own: found with ServiceLoader (see
 * src/test/resources/META-INF/services), not built in.
 */
public final class AcmeLifecycleModels implements LifecycleLibraryModels {

  @Override
  public ImmutableList<TypeMember> resourceReleases() {
    // A telephony connector that is not AutoCloseable and is released by hangUp().
    return TypeMember.parseAll("com.acme.telephony.Connector#hangUp");
  }

  @Override
  public ImmutableList<TypeMember> shutdownCallbacks() {
    return TypeMember.parseAll("com.acme.telephony.Switchboard#powerDown");
  }
}
