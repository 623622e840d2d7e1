package dev.shutdowncheck.model.library;

import com.google.auto.service.AutoService;
import com.google.common.collect.ImmutableList;
import dev.shutdowncheck.model.LifecycleLibraryModels;
import dev.shutdowncheck.model.TypeMember;

/** Netty: its futures' waits and listeners, and the shutdowns that bound themselves. */
@AutoService(LifecycleLibraryModels.class)
public final class NettyLifecycleModels implements LifecycleLibraryModels {

  @Override
  public ImmutableList<TypeMember> blockingWaits() {
    return TypeMember.parseAll(
        "io.netty.util.concurrent.Future#sync",
        "io.netty.util.concurrent.Future#syncUninterruptibly",
        "io.netty.util.concurrent.Future#await",
        "io.netty.util.concurrent.Future#awaitUninterruptibly");
  }

  @Override
  public ImmutableList<TypeMember> selfBoundedFutures() {
    // A graceful shutdown gives up after its timeout (15 s by default); closing a channel does not
    // wait on the peer.
    return TypeMember.parseAll(
        "io.netty.util.concurrent.EventExecutorGroup#shutdownGracefully",
        "io.netty.util.concurrent.EventExecutorGroup#terminationFuture",
        "io.netty.channel.ChannelOutboundInvoker#close");
  }

  @Override
  public ImmutableList<TypeMember> completionCallbacks() {
    return TypeMember.parseAll(
        "io.netty.util.concurrent.Future#addListener", "io.netty.util.concurrent.Future#addListeners");
  }
}
