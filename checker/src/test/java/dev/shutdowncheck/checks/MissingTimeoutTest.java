package dev.shutdowncheck.checks;

import com.google.errorprone.BugCheckerRefactoringTestHelper;
import com.google.errorprone.BugCheckerRefactoringTestHelper.TestMode;
import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

class MissingTimeoutTest {

  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(MissingTimeout.class, getClass());

  private final BugCheckerRefactoringTestHelper refactoring =
      BugCheckerRefactoringTestHelper.newInstance(MissingTimeout.class, getClass());

  @Test
  void httpClientsWithoutConnectTimeout() {
    helper
        .addSourceLines(
            "Clients.java",
            """
            import java.net.http.HttpClient;
            import java.time.Duration;
            class Clients {
              // BUG: Diagnostic contains: HttpClient.newHttpClient() has no connect timeout
              private final HttpClient shared = HttpClient.newHttpClient();
              HttpClient chained() {
                return HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    // BUG: Diagnostic contains: HttpClient built without connectTimeout
                    .build();
              }
              // A builder kept in a local, configured on several lines, never given a timeout.
              HttpClient local(boolean http2) {
                HttpClient.Builder builder = HttpClient.newBuilder();
                if (http2) {
                  builder.version(HttpClient.Version.HTTP_2);
                }
                // BUG: Diagnostic contains: HttpClient built without connectTimeout
                return builder.build();
              }
            }
            """)
        .doTest();
  }

  @Test
  void requestsWithoutTimeout() {
    helper
        .addSourceLines(
            "Requests.java",
            """
            import java.net.URI;
            import java.net.http.HttpRequest;
            class Requests {
              HttpRequest ping(URI uri) {
                return HttpRequest.newBuilder(uri)
                    .GET()
                    .header("Accept", "application/json")
                    // BUG: Diagnostic contains: HttpRequest built without timeout(..)
                    .build();
              }
            }
            """)
        .doTest();
  }

  @Test
  void httpUrlConnectionsWithoutTimeouts() {
    helper
        .addSourceLines(
            "Legacy.java",
            """
            import java.io.InputStream;
            import java.net.HttpURLConnection;
            import java.net.URL;
            class Legacy {
              int status(URL url) throws Exception {
                // BUG: Diagnostic contains: HTTP connection opened without setConnectTimeout and setReadTimeout
                HttpURLConnection connection = (HttpURLConnection) url.openConnection();
                connection.setRequestMethod("HEAD");
                return connection.getResponseCode();
              }
              int onlyConnect(URL url) throws Exception {
                // BUG: Diagnostic contains: HTTP connection opened without setReadTimeout in this method
                HttpURLConnection connection = (HttpURLConnection) url.openConnection();
                connection.setConnectTimeout(5_000);
                return connection.getResponseCode();
              }
              InputStream direct() throws Exception {
                // BUG: Diagnostic contains: setConnectTimeout and setReadTimeout
                return new URL("https://example.com/feed").openConnection().getInputStream();
              }
              // A URLConnection that sends request headers is an HTTP one (a search client).
              String search(String path) throws Exception {
                URL url = new URL(path);
                // BUG: Diagnostic contains: setConnectTimeout and setReadTimeout
                java.net.URLConnection connection = url.openConnection();
                connection.setRequestProperty("User-Agent", "crawler");
                return new String(connection.getInputStream().readAllBytes());
              }
              // The redirect-following loop: the local is re-assigned on every hop.
              String follow(String location) throws Exception {
                HttpURLConnection connection = null;
                while (location != null) {
                  // BUG: Diagnostic contains: setConnectTimeout and setReadTimeout
                  connection = (HttpURLConnection) new URL(location).openConnection();
                  connection.setInstanceFollowRedirects(false);
                  location = connection.getHeaderField("Location");
                }
                return connection.getContentType();
              }
              int plainVariableOnHttpUrl() throws Exception {
                // BUG: Diagnostic contains: setReadTimeout in this method
                java.net.URLConnection connection = new URL("http://localhost/health").openConnection();
                connection.setConnectTimeout(500);
                return connection.getInputStream().read();
              }
              // The Direct Project's CRL download: one timeout set shows the connection goes over the
              // network (file: and jar: connections have none to set), and the read could hang.
              byte[] crl(String location) throws Exception {
                // BUG: Diagnostic contains: setReadTimeout in this method
                java.net.URLConnection connection = new URL(location).openConnection();
                connection.setConnectTimeout(3_000);
                try (InputStream in = connection.getInputStream()) {
                  return in.readAllBytes();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void plainUrlConnectionsWithBothTimeoutsOrNoneAreFine() {
    helper
        .addSourceLines(
            "Fetch.java",
            """
            import java.io.InputStream;
            import java.net.URL;
            import java.net.URLConnection;
            class Fetch {
              byte[] remote(String location) throws Exception {
                URLConnection connection = new URL(location).openConnection();
                connection.setConnectTimeout(3_000);
                connection.setReadTimeout(10_000);
                try (InputStream in = connection.getInputStream()) {
                  return in.readAllBytes();
                }
              }
              // Nothing says the URL is remote: a plugin's jar or a file on the class path.
              long lastModified(URL resource) throws Exception {
                URLConnection connection = resource.openConnection();
                connection.setUseCaches(false);
                return connection.getLastModified();
              }
            }
            """)
        .doTest();
  }

  @Test
  void clientsWithTimeoutsAreFine() {
    helper
        .addSourceLines(
            "Configured.java",
            """
            import java.net.URI;
            import java.net.http.HttpClient;
            import java.net.http.HttpRequest;
            import java.time.Duration;
            class Configured {
              private final HttpClient client =
                  HttpClient.newBuilder()
                      .connectTimeout(Duration.ofSeconds(5))
                      .followRedirects(HttpClient.Redirect.NORMAL)
                      .build();
              HttpRequest request(URI uri) {
                return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build();
              }
              // The timeout set on the local builder by a separate statement still counts.
              HttpClient local() {
                HttpClient.Builder builder = HttpClient.newBuilder();
                builder.version(HttpClient.Version.HTTP_2).connectTimeout(Duration.ofSeconds(2));
                return builder.build();
              }
            }
            """)
        .doTest();
  }

  @Test
  void buildersFromElsewhereMayHaveTheirTimeout() {
    helper
        .addSourceLines(
            "Factory.java",
            """
            import java.net.URI;
            import java.net.http.HttpClient;
            import java.net.http.HttpRequest;
            import java.time.Duration;
            class Factory {
              private final HttpClient.Builder injected;
              Factory(HttpClient.Builder injected) {
                this.injected = injected;
              }
              // A builder injected by the framework (e.g. a Spring bean customized elsewhere).
              HttpClient fromInjected() {
                return injected.followRedirects(HttpClient.Redirect.NORMAL).build();
              }
              // A builder received as a parameter: the caller configures it.
              static HttpClient fromParameter(HttpClient.Builder builder) {
                return builder.build();
              }
              // A shared helper that sets the common options, timeouts included.
              static HttpRequest.Builder base(URI uri) {
                return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
              }
              HttpRequest fromHelper(URI uri) {
                return base(uri).header("X-Trace", "1").build();
              }
              // A local builder handed to a customizer may get its timeout there.
              HttpClient customized(java.util.function.Consumer<HttpClient.Builder> customizer) {
                HttpClient.Builder builder = HttpClient.newBuilder();
                customizer.accept(builder);
                return builder.build();
              }
              // The exchange is bounded on the future instead of on the request.
              String fetch(HttpClient client, URI uri) throws Exception {
                HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
                return client
                    .sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofString())
                    .orTimeout(10, java.util.concurrent.TimeUnit.SECONDS)
                    .join()
                    .body();
              }
              String fetchWithGet(HttpClient client, URI uri) throws Exception {
                HttpRequest request = HttpRequest.newBuilder(uri).build();
                return client
                    .sendAsync(request, java.net.http.HttpResponse.BodyHandlers.ofString())
                    .get(10, java.util.concurrent.TimeUnit.SECONDS)
                    .body();
              }
              // A copy of an existing request keeps that request's timeout.
              HttpRequest copy(HttpRequest original) {
                return HttpRequest.newBuilder(original, (name, value) -> true).build();
              }
              // Returning the unfinished builder: whoever builds it can add the timeout.
              static HttpClient.Builder defaults() {
                return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL);
              }
            }
            """)
        .doTest();
  }

  @Test
  void connectionsWithTimeoutsOrHandedOnAreFine() {
    helper
        .addSourceLines(
            "Connections.java",
            """
            import java.io.InputStream;
            import java.net.HttpURLConnection;
            import java.net.URL;
            import java.net.URLConnection;
            class Connections {
              private HttpURLConnection kept;
              int both(URL url) throws Exception {
                HttpURLConnection connection = (HttpURLConnection) url.openConnection();
                connection.setConnectTimeout(5_000);
                connection.setReadTimeout(30_000);
                return connection.getResponseCode();
              }
              // An http: URL held as a plain URLConnection, with timeouts set through a cast.
              int throughCast() throws Exception {
                URLConnection connection = new URL("http://localhost:8080/health").openConnection();
                ((HttpURLConnection) connection).setConnectTimeout(1_000);
                connection.setReadTimeout(1_000);
                return ((HttpURLConnection) connection).getResponseCode();
              }
              // A classpath or file resource: no network, no timeout to set.
              InputStream resource() throws Exception {
                URLConnection connection = getClass().getResource("/app.properties").openConnection();
                connection.setUseCaches(false);
                return connection.getInputStream();
              }
              // A factory method: the caller sets the timeouts.
              HttpURLConnection open(URL url) throws Exception {
                return (HttpURLConnection) url.openConnection();
              }
              // A helper that applies the project's timeouts.
              int viaHelper(URL url) throws Exception {
                HttpURLConnection connection = (HttpURLConnection) url.openConnection();
                applyTimeouts(connection);
                return connection.getResponseCode();
              }
              // Kept in a field: another method configures it.
              void keep(URL url) throws Exception {
                kept = (HttpURLConnection) url.openConnection();
              }
              private static void applyTimeouts(URLConnection connection) {
                connection.setConnectTimeout(1_000);
                connection.setReadTimeout(1_000);
              }
            }
            """)
        .doTest();
  }

  @Test
  void testCodeTalksToLocalStubs() {
    helper
        .addSourceLines(
            "ApiIT.java",
            """
            import java.net.URI;
            import java.net.http.HttpClient;
            import java.net.http.HttpRequest;
            import org.junit.jupiter.api.Test;
            class ApiIT {
              private final HttpClient client = HttpClient.newHttpClient();
              @Test
              void health() throws Exception {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:8080/health")).build();
                client.send(request, java.net.http.HttpResponse.BodyHandlers.discarding());
              }
            }
            """)
        .doTest();
  }

  @Test
  void suppressedOnTheMethod() {
    helper
        .addSourceLines(
            "Probe.java",
            """
            import java.net.http.HttpClient;
            class Probe {
              @SuppressWarnings("MissingTimeout") // local health probe; the JDK default is fine here
              HttpClient client() {
                return HttpClient.newHttpClient();
              }
            }
            """)
        .doTest();
  }

  @Test
  void newHttpClientBecomesABuilderWithConnectTimeout() {
    refactoring
        .addInputLines(
            "Client.java",
            """
            import java.net.http.HttpClient;

            class Client {
              private final HttpClient http = HttpClient.newHttpClient();
            }
            """)
        .addOutputLines(
            "Client.java",
            """
            import java.net.http.HttpClient;
            import java.time.Duration;

            class Client {
              private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            }
            """)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void staticallyImportedNewHttpClient() {
    refactoring
        .addInputLines(
            "Client.java",
            """
            import static java.net.http.HttpClient.newHttpClient;

            import java.time.Duration;

            class Client {
              Object http = newHttpClient();
              Duration unused = Duration.ZERO;
            }
            """)
        .addOutputLines(
            "Client.java",
            """
            import static java.net.http.HttpClient.newHttpClient;

            import java.time.Duration;
            import java.net.http.HttpClient;

            class Client {
              Object http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
              Duration unused = Duration.ZERO;
            }
            """)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void builderChainGetsConnectTimeoutBeforeBuild() {
    refactoring
        .addInputLines(
            "Client.java",
            """
            import java.net.http.HttpClient;

            class Client {
              HttpClient create() {
                return HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
              }
            }
            """)
        .addOutputLines(
            "Client.java",
            """
            import java.net.http.HttpClient;
            import java.time.Duration;

            class Client {
              HttpClient create() {
                return HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(10))
                    .build();
              }
            }
            """)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void anotherDurationInScopeGetsTheQualifiedName() {
    refactoring
        .addInputLines(
            "Client.java",
            """
            import java.net.http.HttpClient;
            import javax.xml.datatype.Duration;

            class Client {
              Duration xmlDuration;
              HttpClient http = HttpClient.newBuilder().build();
            }
            """)
        .addOutputLines(
            "Client.java",
            """
            import java.net.http.HttpClient;
            import javax.xml.datatype.Duration;

            class Client {
              Duration xmlDuration;
              HttpClient http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(10)).build();
            }
            """)
        .doTest(TestMode.TEXT_MATCH);
  }

  @Test
  void aConnectionThatAPrivateHelperOpensAndReturns() {
    // X-Road's OCSP client: createConnection(url) set only the connect timeout, and the code that
    // used what it returned read the answer with no read timeout; a responder that accepted the
    // connection and never answered held the signer's thread for good.
    helper
        .addSourceLines(
            "OcspClient.java",
            """
            import java.io.IOException;
            import java.io.InputStream;
            import java.net.HttpURLConnection;
            import java.net.URL;
            final class OcspClient {
              static byte[] fetch(String responder) throws IOException {
                HttpURLConnection connection = createConnection(new URL(responder));
                try (InputStream in = connection.getInputStream()) {
                  return in.readAllBytes();
                }
              }
              private static HttpURLConnection createConnection(URL url) throws IOException {
                // BUG: Diagnostic contains: without setReadTimeout in this method or where the class uses
                HttpURLConnection connection = (HttpURLConnection) url.openConnection();
                connection.setDoOutput(true);
                connection.setConnectTimeout(20_000);
                return connection;
              }
            }
            """)
        .addSourceLines(
            "TwoCallers.java",
            """
            import java.io.IOException;
            import java.net.HttpURLConnection;
            import java.net.URL;
            final class TwoCallers {
              int status(URL url) throws IOException {
                HttpURLConnection connection = open(url);
                connection.setReadTimeout(5_000);
                return connection.getResponseCode();
              }
              int statusWithoutReadTimeout(URL url) throws IOException {
                HttpURLConnection connection = open(url);
                return connection.getResponseCode();
              }
              private HttpURLConnection open(URL url) throws IOException {
                // BUG: Diagnostic contains: without setReadTimeout
                HttpURLConnection connection = (HttpURLConnection) url.openConnection();
                connection.setConnectTimeout(1_000);
                return connection;
              }
            }
            """)
        .doTest();
  }

  @Test
  void aReturnedConnectionWhoseTimeoutsAreSetOrLeftToOthers() {
    helper
        .addSourceLines(
            "Callers.java",
            """
            import java.io.IOException;
            import java.net.HttpURLConnection;
            import java.net.URL;
            final class Callers {
              // Every caller sets the read timeout the helper leaves out.
              int status(URL url) throws IOException {
                HttpURLConnection connection = open(url);
                connection.setReadTimeout(5_000);
                return connection.getResponseCode();
              }
              private HttpURLConnection open(URL url) throws IOException {
                HttpURLConnection connection = (HttpURLConnection) url.openConnection();
                connection.setConnectTimeout(1_000);
                return connection;
              }
              // A caller hands it on: the timeouts may be set there.
              HttpURLConnection forCaller(URL url) throws IOException {
                HttpURLConnection connection = openToo(url);
                return connection;
              }
              private HttpURLConnection openToo(URL url) throws IOException {
                HttpURLConnection connection = (HttpURLConnection) url.openConnection();
                connection.setConnectTimeout(1_000);
                return connection;
              }
              // Other classes may call it too, and every use of it here sets the read timeout.
              int statusForOthers(URL url) throws IOException {
                HttpURLConnection connection = openForOthers(url);
                connection.setReadTimeout(5_000);
                return connection.getResponseCode();
              }
              HttpURLConnection openForOthers(URL url) throws IOException {
                HttpURLConnection connection = (HttpURLConnection) url.openConnection();
                connection.setConnectTimeout(1_000);
                return connection;
              }
              // Never called here: nothing shows how it is used.
              private HttpURLConnection unused(URL url) throws IOException {
                HttpURLConnection connection = (HttpURLConnection) url.openConnection();
                connection.setConnectTimeout(1_000);
                return connection;
              }
            }
            """)
        .doTest();
  }

  @Test
  void aConnectionUsedThroughTheClassOwnFactoryAndHelpers() {
    // Retrofit 1.0's UrlConnectionClient: an overridable factory opened the connection, and the
    // class sent the request and read the answer in helpers of its own, with no timeout anywhere;
    // a server that accepted the connection and never answered blocked the caller for good.
    helper
        .addSourceLines(
            "UrlConnectionClient.java",
            """
            import java.io.IOException;
            import java.io.InputStream;
            import java.net.HttpURLConnection;
            import java.net.URL;
            public class UrlConnectionClient {
              public byte[] execute(String url, String method) throws IOException {
                HttpURLConnection connection = openConnection(url);
                prepareRequest(connection, method);
                return readResponse(connection);
              }
              protected HttpURLConnection openConnection(String url) throws IOException {
                // BUG: Diagnostic contains: without setConnectTimeout and setReadTimeout in this method or where the class uses
                return (HttpURLConnection) new URL(url).openConnection();
              }
              void prepareRequest(HttpURLConnection connection, String method) throws IOException {
                connection.setRequestMethod(method);
                connection.addRequestProperty("Accept", "application/json");
              }
              byte[] readResponse(HttpURLConnection connection) throws IOException {
                try (InputStream in = connection.getInputStream()) {
                  return in.readAllBytes();
                }
              }
            }
            """)
        .addSourceLines(
            "Downloader.java",
            """
            import java.io.IOException;
            import java.io.InputStream;
            import java.net.HttpURLConnection;
            import java.net.URL;
            import java.net.URLConnection;
            final class Downloader {
              byte[] download(URL url) throws IOException {
                // BUG: Diagnostic contains: without setReadTimeout in this method
                URLConnection connection = url.openConnection();
                ((HttpURLConnection) connection).setConnectTimeout(2_000);
                return read(connection);
              }
              // Passed straight to the helper that reads it.
              byte[] head(String url) throws IOException {
                // BUG: Diagnostic contains: without setConnectTimeout and setReadTimeout in this method
                return read((HttpURLConnection) new URL(url).openConnection());
              }
              private static byte[] read(URLConnection connection) throws IOException {
                try (InputStream in = connection.getInputStream()) {
                  return in.readAllBytes();
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void helpersThatSetTheTimeoutsOrHandTheConnectionOn() {
    helper
        .addSourceLines(
            "Client.java",
            """
            import java.io.IOException;
            import java.io.InputStream;
            import java.net.HttpURLConnection;
            import java.net.URL;
            import java.net.URLConnection;
            import java.util.concurrent.Callable;
            import java.util.function.Consumer;
            public class Client {
              private final Consumer<URLConnection> customizer;
              Client(Consumer<URLConnection> customizer) {
                this.customizer = customizer;
              }
              // Retrofit's fix: the factory sets both timeouts.
              public byte[] execute(String url) throws IOException {
                HttpURLConnection connection = openConnection(url);
                return readResponse(connection);
              }
              protected HttpURLConnection openConnection(String url) throws IOException {
                HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
                connection.setConnectTimeout(15_000);
                connection.setReadTimeout(20_000);
                return connection;
              }
              byte[] readResponse(HttpURLConnection connection) throws IOException {
                try (InputStream in = connection.getInputStream()) {
                  return in.readAllBytes();
                }
              }
              // The helper hands it to code configured by the user, which may set the timeouts.
              int customized(URL url) throws IOException {
                HttpURLConnection connection = (HttpURLConnection) url.openConnection();
                configure(connection);
                return connection.getResponseCode();
              }
              private void configure(URLConnection connection) {
                customizer.accept(connection);
              }
              // A helper that returns what it was given: the connection leaves the class's sight.
              HttpURLConnection passedBack(URL url) throws IOException {
                HttpURLConnection connection = (HttpURLConnection) url.openConnection();
                return same(connection);
              }
              private static HttpURLConnection same(HttpURLConnection connection) {
                return connection;
              }
              // Returned by a lambda, and returned after other code was given it.
              int fromLambda(URL url) throws Exception {
                Callable<HttpURLConnection> open = opener(url);
                return open.call().getResponseCode();
              }
              private Callable<HttpURLConnection> opener(URL url) {
                return () -> {
                  return (HttpURLConnection) url.openConnection();
                };
              }
              int customizedAndReturned(URL url) throws IOException {
                HttpURLConnection connection = openCustomized(url);
                return connection.getResponseCode();
              }
              private HttpURLConnection openCustomized(URL url) throws IOException {
                HttpURLConnection connection = (HttpURLConnection) url.openConnection();
                customizer.accept(connection);
                return connection;
              }
              // A helper that calls itself: followed a few calls deep, then left alone.
              int retried(URL url) throws IOException {
                HttpURLConnection connection = (HttpURLConnection) url.openConnection();
                return retry(connection, 3);
              }
              private int retry(HttpURLConnection connection, int attempts) throws IOException {
                return attempts == 0 ? connection.getResponseCode() : retry(connection, attempts - 1);
              }
            }
            """)
        .addSourceLines(
            "ResourceReader.java",
            """
            import java.io.IOException;
            import java.io.InputStream;
            import java.net.URL;
            import java.net.URLConnection;
            // Eclipse Che's URLFetcher shape: a plain URLConnection on a URL from anywhere, read in a
            // helper. Nothing shows it is HTTP: file: and jar: URLs have no timeouts to set.
            public class ResourceReader {
              public byte[] read(String location) throws IOException {
                return read(new URL(location).openConnection());
              }
              public byte[] read(URLConnection connection) throws IOException {
                connection.setUseCaches(false);
                try (InputStream in = connection.getInputStream()) {
                  return in.readAllBytes();
                }
              }
            }
            """)
        .doTest();
  }
}
