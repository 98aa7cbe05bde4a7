package dev.mailcheck.slack.listeners.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.MessageEvent;
import dev.mailcheck.playbook.Lang;
import dev.mailcheck.slack.BotServices;
import dev.mailcheck.slack.BotSettings;
import dev.mailcheck.slack.CheckRequests;
import dev.mailcheck.slack.SlackRenderer;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * The direct-message listener on its own, as Slack's starter template tests a listener: a mocked
 * payload and context in, the ack and what was handed on out. Only a person's top-level message in
 * a DM with the bot, delivered for the first time, becomes a request.
 */
class DirectMessageTest {
  private final BotServices services = mock(BotServices.class);
  private final CheckRequests requests = mock(CheckRequests.class);
  private final ExecutorService intake = mock(ExecutorService.class);
  private final DirectMessage listener = new DirectMessage(services, requests);

  DirectMessageTest() {
    when(services.botUserId()).thenReturn("UBOT");
    when(services.intake()).thenReturn(intake);
    when(services.settings()).thenReturn(BotSettings.defaults(List.of(new InetSocketAddress("127.0.0.1", 53))));
    when(services.rendererFor(any())).thenReturn(new SlackRenderer(Lang.EN, "/mailcheck"));
  }

  private static MessageEvent message(String user, String text, String ts) {
    MessageEvent e = new MessageEvent();
    e.setChannel("D" + user);
    e.setChannelType("im");
    e.setUser(user);
    e.setText(text);
    e.setTs(ts);
    return e;
  }

  @SuppressWarnings("unchecked")
  private Response deliver(MessageEvent e) {
    EventsApiPayload<MessageEvent> payload = mock(EventsApiPayload.class);
    when(payload.getEvent()).thenReturn(e);
    return listener.apply(payload, EventContext.builder().build());
  }

  /** Runs what the listener handed to the intake executor, as the executor would. */
  private void runHandedOver(int expected) {
    ArgumentCaptor<Runnable> work = ArgumentCaptor.forClass(Runnable.class);
    verify(intake, times(expected)).execute(work.capture());
    work.getAllValues().forEach(Runnable::run);
  }

  @Test
  void aPersonsMessageIsAckedAndBecomesARequestAnsweredInTheConversation() {
    assertEquals(200, deliver(message("U1", "/mailcheck example.com", "1.1")).getStatusCode());
    runHandedOver(1);
    verify(requests).handle(argThat(q -> q.text().strip().equals("example.com") && q.user().equals("U1") && q.here().id().equals("DU1")
        && q.origin().equals(q.here())), any());
  }

  @Test
  void botsThreadRepliesOtherChannelsAndRedeliveriesAreAckedAndIgnored() {
    MessageEvent fromBot = message("UBOT", "Checking example.com…", "1.1");
    fromBot.setBotId("B1");
    MessageEvent inThread = message("U1", "example.com", "1.3");
    inThread.setThreadTs("1.2");
    MessageEvent inChannel = message("U1", "example.com", "1.4");
    inChannel.setChannelType("channel");
    MessageEvent once = message("U1", "example.com", "1.5");
    for (MessageEvent e : List.of(fromBot, inThread, inChannel, once, once)) {
      assertEquals(200, deliver(e).getStatusCode());
    }
    runHandedOver(1);
    verify(requests, times(1)).handle(any(), any());
    verify(requests, never()).handle(argThat(q -> !q.here().id().equals("DU1")), any());
  }
}
