package dev.rollback.docker.internal;

import dev.rollback.docker.ComposeBuild;
import dev.rollback.docker.ComposeFileException;
import dev.rollback.docker.ComposeProject;
import dev.rollback.docker.ComposeService;
import dev.rollback.docker.VolumeMount;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a compose file into a {@link ComposeProject}: YAML nodes from snakeyaml, kept with their marks so every
 * error names the file, the line and the key ({@code docker-compose.test.yml:7: services.test.volumes[1]: ...}).
 * See {@link ComposeProject} for the subset read and how other keys are reported.
 */
public final class ComposeParser {

  /** Service keys {@code docker compose run} ignores or that do not change a one-off run's result: a warning each. */
  static final Map<String, String> IGNORED_SERVICE_KEYS = Map.ofEntries(
      Map.entry("ports", "run publishes no ports (docker compose run needs --service-ports for that)"),
      Map.entry("expose", "exposed ports only document a service; a one-off run publishes none"),
      Map.entry("restart", "run never restarts its one-off container"),
      Map.entry("container_name", "run names its one-off container itself"),
      Map.entry("healthcheck", "a one-off run does not wait for health"),
      Map.entry("tty", "the runner never allocates a terminal, so stdout and stderr stay apart"),
      Map.entry("stdin_open", "the runner sends no input"),
      Map.entry("logging", "the runner reads the output by attaching, and the container uses the engine's log driver"),
      Map.entry("deploy", "deploy is for swarm and resource limits; the runner applies none"),
      Map.entry("profiles", "a service named to run runs whatever its profiles"));

  private static final Map<String, String> IGNORED_TOP_KEYS = Map.of(
      "version", "the attribute 'version' is obsolete and ignored",
      "networks", "networks are not created; the runner uses each service's network_mode",
      "secrets", "secrets are not used; no supported service key refers to them",
      "configs", "configs are not used; no supported service key refers to them");

  private static final Set<String> SERVICE_KEYS = Set.of("image", "build", "command", "entrypoint", "environment",
      "env_file", "volumes", "working_dir", "network_mode", "user", "labels");

  private final Path file;
  private final String display;
  private final Path dir;
  private final Map<String, String> env;
  private final Interpolator interpolator;
  private String projectName;
  private final Map<String, String> namedVolumes = new LinkedHashMap<>();

  private ComposeParser(Path file, String display, Map<String, String> env) {
    this.file = file;
    this.display = display;
    Path abs = file.toAbsolutePath().normalize();
    this.dir = abs.getParent() == null ? abs : abs.getParent();
    this.env = env;
    this.interpolator = new Interpolator(env);
  }

  /**
   * Reads a compose file.
   *
   * @param file the file
   * @param displayName the file as messages name it
   * @param environment the variables for interpolation; a {@code .env} file next to the file adds to them
   * @return the project; invalid services are kept as their errors, thrown when asked for
   * @throws ComposeFileException if the file cannot be read, is not YAML, or its top level is malformed
   */
  public static ComposeProject parse(Path file, String displayName, Map<String, String> environment) {
    Map<String, String> vars = new HashMap<>();
    Path dotEnv = file.toAbsolutePath().normalize().resolveSibling(".env");
    if (Files.isRegularFile(dotEnv)) {
      vars.putAll(EnvFile.read(dotEnv, relative(displayName, ".env"), environment));
    }
    vars.putAll(environment);
    return new ComposeParser(file, displayName, vars).project();
  }

  private static String relative(String displayName, String sibling) {
    int slash = displayName.lastIndexOf('/');
    return slash < 0 ? sibling : displayName.substring(0, slash + 1) + sibling;
  }

  private ComposeProject project() {
    Node root = load();
    if (!(root instanceof MappingNode)) {
      throw error(root, "", "the top level must be a mapping with a 'services' key");
    }
    List<String> warnings = new ArrayList<>();
    Map<String, Node[]> top = entries((MappingNode) root, "");
    Node[] name = top.get("name");
    String explicitName = name == null ? null : scalar(name[1], "name", warnings::add);
    projectName = projectName(explicitName, name == null ? null : name[1]);
    Node[] volumes = top.get("volumes");
    if (volumes != null) {
      readVolumes(volumes[1]);
    }
    Map<String, Object> services = new LinkedHashMap<>();
    for (Map.Entry<String, Node[]> e : top.entrySet()) {
      String key = e.getKey();
      Node keyNode = e.getValue()[0];
      Node value = e.getValue()[1];
      if (key.equals("services")) {
        if (!(value instanceof MappingNode)) {
          throw error(value, "services", "must be a mapping of service names to services");
        }
        for (Map.Entry<String, Node[]> s : entries((MappingNode) value, "services").entrySet()) {
          String path = "services." + s.getKey();
          try {
            services.put(s.getKey(), service(s.getKey(), s.getValue()[1], path));
          } catch (ComposeFileException ex) {
            services.put(s.getKey(), ex);
          }
        }
      } else if (IGNORED_TOP_KEYS.containsKey(key)) {
        warnings.add(display + ":" + line(keyNode) + ": " + key + ": " + IGNORED_TOP_KEYS.get(key));
      } else if (!key.equals("name") && !key.equals("volumes") && !key.startsWith("x-")) {
        throw error(keyNode, key, "unknown top-level key; the runner reads services, name, volumes (and ignores "
            + String.join(", ", IGNORED_TOP_KEYS.keySet()) + " with a warning)");
      }
    }
    if (!top.containsKey("services")) {
      throw error(root, "", "the file has no 'services' key");
    }
    return new ComposeProject(file, display, projectName, services, warnings);
  }

  private Node load() {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ComposeFileException(display, 0, "", "cannot read the compose file: " + e, e);
    }
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(100);
    options.setAllowRecursiveKeys(false);
    try (Reader reader = new java.io.StringReader(text)) {
      Node root = new Yaml(options).compose(reader);
      if (root == null) {
        throw new ComposeFileException(display, 0, "", "the file is empty; it needs a 'services' key");
      }
      return root;
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
      throw new ComposeFileException(display, line, "", "not valid YAML: " + e.getProblem()
          + (e.getContext() != null ? " (" + e.getContext() + ")" : ""), e);
    } catch (YAMLException | IOException e) {
      throw new ComposeFileException(display, 0, "", "not valid YAML: " + e.getMessage(), e);
    }
  }

  private String projectName(String explicit, Node nameNode) {
    String raw = explicit != null ? explicit : env.get("COMPOSE_PROJECT_NAME");
    boolean fromDir = raw == null || raw.isBlank();
    if (fromDir) {
      raw = dir.getFileName() == null ? "" : dir.getFileName().toString();
    }
    String normalized = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "").replaceAll("^[^a-z0-9]+", "");
    if (normalized.isEmpty()) {
      if (nameNode != null) {
        throw error(nameNode, "name", "'" + raw + "' leaves no valid project name; use lower-case letters, digits,"
            + " dashes and underscores");
      }
      throw new ComposeFileException(display, 0, "", "no project name: the folder '" + raw + "' gives none; set the "
          + "top-level 'name' or COMPOSE_PROJECT_NAME");
    }
    return normalized;
  }

  private void readVolumes(Node node) {
    if (node instanceof ScalarNode && isNull(node)) {
      return;
    }
    if (!(node instanceof MappingNode)) {
      throw error(node, "volumes", "must be a mapping of volume names");
    }
    for (Map.Entry<String, Node[]> e : entries((MappingNode) node, "volumes").entrySet()) {
      String path = "volumes." + e.getKey();
      Node v = e.getValue()[1];
      String engineName = projectName + "_" + e.getKey();
      if (v instanceof MappingNode) {
        boolean external = false;
        String explicit = null;
        for (Map.Entry<String, Node[]> k : entries((MappingNode) v, path).entrySet()) {
          switch (k.getKey()) {
            case "external":
              external = bool(k.getValue()[1], path + ".external");
              break;
            case "name":
              explicit = scalar(k.getValue()[1], path + ".name", w -> { });
              break;
            default:
              if (!k.getKey().startsWith("x-")) {
                throw error(k.getValue()[0], path + "." + k.getKey(), "not supported for volumes; the runner reads "
                    + "name and external (volumes use the local driver)");
              }
          }
        }
        engineName = explicit != null ? explicit : external ? e.getKey() : engineName;
      } else if (!isNull(v)) {
        throw error(v, path, "must be empty or a mapping with name or external");
      }
      namedVolumes.put(e.getKey(), engineName);
    }
  }

  private ComposeService service(String name, Node node, String path) {
    if (!(node instanceof MappingNode)) {
      throw error(node, path, "a service must be a mapping");
    }
    Set<String> warnings = new LinkedHashSet<>();
    Map<String, Node[]> keys = entries((MappingNode) node, path);
    Optional<String> image = Optional.empty();
    Optional<ComposeBuild> build = Optional.empty();
    Optional<List<String>> command = Optional.empty();
    Optional<List<String>> entrypoint = Optional.empty();
    Map<String, String> environment = new LinkedHashMap<>();
    Map<String, String> fromEnvFiles = new LinkedHashMap<>();
    List<VolumeMount> volumes = new ArrayList<>();
    Optional<String> workingDir = Optional.empty();
    Optional<String> networkMode = Optional.empty();
    Optional<String> user = Optional.empty();
    Map<String, String> labels = new LinkedHashMap<>();
    for (Map.Entry<String, Node[]> e : keys.entrySet()) {
      String key = e.getKey();
      Node keyNode = e.getValue()[0];
      Node v = e.getValue()[1];
      String p = path + "." + key;
      if (IGNORED_SERVICE_KEYS.containsKey(key)) {
        warnings.add(display + ":" + line(keyNode) + ": " + p + ": ignored: " + IGNORED_SERVICE_KEYS.get(key));
        continue;
      }
      if (key.startsWith("x-")) {
        continue;
      }
      if (!SERVICE_KEYS.contains(key)) {
        throw error(keyNode, p, "not supported by the compose runner, and running without it could differ from "
            + "docker compose; supported: " + String.join(", ", new java.util.TreeSet<>(SERVICE_KEYS)));
      }
      if (isNull(v)) {
        continue;
      }
      switch (key) {
        case "image":
          image = Optional.of(scalar(v, p, warnings::add));
          if (image.get().isBlank()) {
            throw error(v, p, "the image is empty");
          }
          break;
        case "build":
          build = Optional.of(build(v, p, warnings));
          break;
        case "command":
          command = Optional.of(words(v, p, warnings));
          break;
        case "entrypoint":
          List<String> ep = words(v, p, warnings);
          entrypoint = Optional.of(ep.isEmpty() ? List.of("") : ep);
          break;
        case "environment":
          environment.putAll(keyValues(v, p, warnings, true));
          break;
        case "env_file":
          for (Node f : listOrOne(v)) {
            fromEnvFiles.putAll(envFile(f, p, warnings));
          }
          break;
        case "volumes":
          if (!(v instanceof SequenceNode)) {
            throw error(v, p, "must be a list of mounts");
          }
          List<Node> items = ((SequenceNode) v).getValue();
          for (int i = 0; i < items.size(); i++) {
            volumes.add(volume(items.get(i), p + "[" + i + "]", warnings));
          }
          break;
        case "working_dir":
          workingDir = Optional.of(scalar(v, p, warnings::add));
          if (!workingDir.get().startsWith("/")) {
            throw error(v, p, "'" + workingDir.get() + "' is not an absolute path inside the container");
          }
          break;
        case "network_mode":
          networkMode = Optional.of(scalar(v, p, warnings::add));
          if (networkMode.get().startsWith("service:")) {
            throw error(v, p, "'" + networkMode.get() + "' joins another service's network, which needs that service"
                + " running; the runner runs one service alone");
          }
          break;
        case "user":
          user = Optional.of(scalar(v, p, warnings::add));
          break;
        case "labels":
          labels.putAll(keyValues(v, p, warnings, false));
          break;
        default:
          throw new IllegalStateException("unhandled key " + key);
      }
    }
    if (image.isEmpty() && build.isEmpty()) {
      throw error(node, path, "the service has neither an image nor a build");
    }
    Map<String, String> merged = new LinkedHashMap<>(fromEnvFiles);
    merged.putAll(environment);
    return new ComposeService(name, image, build, command, entrypoint, merged, volumes, workingDir, networkMode, user,
        labels, new ArrayList<>(warnings));
  }

  private ComposeBuild build(Node v, String p, Set<String> warnings) {
    if (v instanceof ScalarNode) {
      return new ComposeBuild(context(v, p, scalar(v, p, warnings::add)), "Dockerfile", Map.of());
    }
    if (!(v instanceof MappingNode)) {
      throw error(v, p, "must be a path or a mapping with context, dockerfile and args");
    }
    Path context = dir;
    String dockerfile = "Dockerfile";
    Map<String, String> args = new LinkedHashMap<>();
    Node dockerfileNode = v;
    for (Map.Entry<String, Node[]> e : entries((MappingNode) v, p).entrySet()) {
      String q = p + "." + e.getKey();
      Node n = e.getValue()[1];
      switch (e.getKey()) {
        case "context":
          context = context(n, q, scalar(n, q, warnings::add));
          break;
        case "dockerfile":
          dockerfile = scalar(n, q, warnings::add);
          dockerfileNode = n;
          break;
        case "args":
          args.putAll(keyValues(n, q, warnings, true));
          break;
        default:
          if (!e.getKey().startsWith("x-")) {
            throw error(e.getValue()[0], q, "not supported for build; the runner reads context, dockerfile and args");
          }
      }
    }
    Path df = context.resolve(dockerfile).normalize();
    if (!df.startsWith(context)) {
      throw error(dockerfileNode, p + ".dockerfile", "'" + dockerfile + "' is outside the build context " + context);
    }
    if (!Files.isRegularFile(df)) {
      throw error(dockerfileNode, p + ".dockerfile", "there is no Dockerfile at " + df);
    }
    return new ComposeBuild(context, context.relativize(df).toString().replace('\\', '/'), args);
  }

  private Path context(Node n, String p, String value) {
    if (value.contains("://") || value.startsWith("git@")) {
      throw error(n, p, "'" + value + "' is a remote context; the runner builds from a local folder");
    }
    Path c = dir.resolve(expandHome(value)).normalize();
    if (!Files.isDirectory(c)) {
      throw error(n, p, "the build context " + c + " is not a folder");
    }
    return c;
  }

  private List<String> words(Node v, String p, Set<String> warnings) {
    if (v instanceof ScalarNode) {
      String s = scalar(v, p, warnings::add);
      try {
        return ShellWords.split(s);
      } catch (IllegalArgumentException e) {
        throw error(v, p, e.getMessage());
      }
    }
    if (v instanceof SequenceNode) {
      List<String> out = new ArrayList<>();
      List<Node> items = ((SequenceNode) v).getValue();
      for (int i = 0; i < items.size(); i++) {
        out.add(scalar(items.get(i), p + "[" + i + "]", warnings::add));
      }
      return out;
    }
    throw error(v, p, "must be a string or a list of strings");
  }

  private Map<String, String> keyValues(Node v, String p, Set<String> warnings, boolean fromEnvironment) {
    Map<String, String> out = new LinkedHashMap<>();
    if (v instanceof MappingNode) {
      for (Map.Entry<String, Node[]> e : entries((MappingNode) v, p).entrySet()) {
        Node n = e.getValue()[1];
        String q = p + "." + e.getKey();
        if (isNull(n)) {
          if (fromEnvironment && env.containsKey(e.getKey())) {
            out.put(e.getKey(), env.get(e.getKey()));
          } else if (!fromEnvironment) {
            out.put(e.getKey(), "");
          }
        } else {
          out.put(e.getKey(), scalar(n, q, warnings::add));
        }
      }
      return out;
    }
    if (v instanceof SequenceNode) {
      List<Node> items = ((SequenceNode) v).getValue();
      for (int i = 0; i < items.size(); i++) {
        String q = p + "[" + i + "]";
        String item = scalar(items.get(i), q, warnings::add);
        int eq = item.indexOf('=');
        String k = eq < 0 ? item : item.substring(0, eq);
        if (k.isEmpty()) {
          throw error(items.get(i), q, "'" + item + "' has no name before '='");
        }
        if (eq >= 0) {
          out.put(k, item.substring(eq + 1));
        } else if (fromEnvironment && env.containsKey(k)) {
          out.put(k, env.get(k));
        } else if (!fromEnvironment) {
          out.put(k, "");
        }
      }
      return out;
    }
    throw error(v, p, "must be a mapping or a list of KEY=VALUE");
  }

  private Map<String, String> envFile(Node f, String p, Set<String> warnings) {
    String path;
    boolean required = true;
    if (f instanceof MappingNode) {
      path = null;
      for (Map.Entry<String, Node[]> e : entries((MappingNode) f, p).entrySet()) {
        if (e.getKey().equals("path")) {
          path = scalar(e.getValue()[1], p + ".path", warnings::add);
        } else if (e.getKey().equals("required")) {
          required = bool(e.getValue()[1], p + ".required");
        } else {
          throw error(e.getValue()[0], p + "." + e.getKey(), "not supported for env_file; use path and required");
        }
      }
      if (path == null) {
        throw error(f, p, "an env_file entry needs a path");
      }
    } else {
      path = scalar(f, p, warnings::add);
    }
    Path resolved = dir.resolve(expandHome(path)).normalize();
    if (!Files.isRegularFile(resolved)) {
      if (!required) {
        return Map.of();
      }
      throw error(f, p, "the env file " + resolved + " does not exist");
    }
    return EnvFile.read(resolved, relative(display, dir.relativize(resolved).toString()), env);
  }

  private VolumeMount volume(Node n, String p, Set<String> warnings) {
    if (n instanceof ScalarNode) {
      String spec = scalar(n, p, warnings::add);
      String[] parts = spec.split(":", -1);
      if (parts.length == 1) {
        if (!spec.startsWith("/")) {
          throw error(n, p, "'" + spec + "' is not an absolute container path for an anonymous volume");
        }
        return new VolumeMount(VolumeMount.Type.VOLUME, "", spec, false, true);
      }
      if (parts.length > 3) {
        throw error(n, p, "'" + spec + "' has too many ':'; write SOURCE:TARGET[:MODE]");
      }
      boolean readOnly = false;
      if (parts.length == 3) {
        for (String mode : parts[2].split(",")) {
          switch (mode) {
            case "ro":
              readOnly = true;
              break;
            case "rw":
            case "cached":
            case "delegated":
            case "consistent":
              break;
            default:
              throw error(n, p, "the mode '" + mode + "' of '" + spec + "' is not supported; use ro or rw");
          }
        }
      }
      String source = parts[0];
      String target = parts[1];
      if (!target.startsWith("/")) {
        throw error(n, p, "the target '" + target + "' of '" + spec + "' is not an absolute container path");
      }
      if (source.isEmpty()) {
        throw error(n, p, "'" + spec + "' has an empty source");
      }
      if (source.startsWith("/") || source.startsWith(".") || source.startsWith("~")) {
        return new VolumeMount(VolumeMount.Type.BIND, dir.resolve(expandHome(source)).normalize().toString(), target,
            readOnly, true);
      }
      return new VolumeMount(VolumeMount.Type.VOLUME, namedVolume(n, p, source, spec), target, readOnly, true);
    }
    if (!(n instanceof MappingNode)) {
      throw error(n, p, "must be a string such as ./src:/dst:ro or a mapping with type, source and target");
    }
    String type = null;
    String source = "";
    String target = null;
    boolean readOnly = false;
    Node typeNode = n;
    Node sourceNode = n;
    for (Map.Entry<String, Node[]> e : entries((MappingNode) n, p).entrySet()) {
      String q = p + "." + e.getKey();
      Node v = e.getValue()[1];
      switch (e.getKey()) {
        case "type":
          type = scalar(v, q, warnings::add);
          typeNode = v;
          break;
        case "source":
          source = scalar(v, q, warnings::add);
          sourceNode = v;
          break;
        case "target":
          target = scalar(v, q, warnings::add);
          if (!target.startsWith("/")) {
            throw error(v, q, "'" + target + "' is not an absolute container path");
          }
          break;
        case "read_only":
          readOnly = bool(v, q);
          break;
        case "consistency":
          warnings.add(display + ":" + line(e.getValue()[0]) + ": " + q + ": ignored: it has no effect on Linux");
          break;
        default:
          if (!e.getKey().startsWith("x-")) {
            throw error(e.getValue()[0], q, "not supported for volumes; the runner reads type, source, target and "
                + "read_only");
          }
      }
    }
    if (type == null) {
      throw error(n, p, "a long-form volume needs a type: bind, volume or tmpfs");
    }
    if (target == null) {
      throw error(n, p, "a long-form volume needs a target");
    }
    switch (type) {
      case "bind":
        if (source.isEmpty()) {
          throw error(sourceNode, p + ".source", "a bind mount needs a source path");
        }
        return new VolumeMount(VolumeMount.Type.BIND, dir.resolve(expandHome(source)).normalize().toString(), target,
            readOnly, false);
      case "volume":
        return new VolumeMount(VolumeMount.Type.VOLUME,
            source.isEmpty() ? "" : namedVolume(sourceNode, p + ".source", source, source), target, readOnly, false);
      case "tmpfs":
        if (!source.isEmpty()) {
          throw error(sourceNode, p + ".source", "a tmpfs mount has no source");
        }
        return new VolumeMount(VolumeMount.Type.TMPFS, "", target, readOnly, false);
      default:
        throw error(typeNode, p + ".type", "'" + type + "' is not supported; use bind, volume or tmpfs");
    }
  }

  private String namedVolume(Node n, String p, String name, String spec) {
    String engineName = namedVolumes.get(name);
    if (engineName == null) {
      throw error(n, p, "the named volume '" + name + "' in '" + spec + "' is not declared in the top-level volumes");
    }
    return engineName;
  }

  private String expandHome(String path) {
    if (path.equals("~") || path.startsWith("~/")) {
      String home = env.getOrDefault("HOME", System.getProperty("user.home"));
      return home + path.substring(1);
    }
    return path;
  }

  private List<Node> listOrOne(Node v) {
    return v instanceof SequenceNode ? ((SequenceNode) v).getValue() : List.of(v);
  }

  /** The entries of a mapping by key text, each as {key node, value node}, with merge keys ({@code <<}) applied. */
  private Map<String, Node[]> entries(MappingNode m, String path) {
    Map<String, Node[]> out = new LinkedHashMap<>();
    List<MappingNode> merges = new ArrayList<>();
    for (NodeTuple t : m.getValue()) {
      Node k = t.getKeyNode();
      if (!(k instanceof ScalarNode)) {
        throw error(k, path, "keys must be plain text");
      }
      if (Tag.MERGE.equals(k.getTag())) {
        for (Node merged : listOrOne(t.getValueNode())) {
          if (!(merged instanceof MappingNode)) {
            throw error(merged, path, "a merge key (<<) must refer to a mapping");
          }
          merges.add((MappingNode) merged);
        }
        continue;
      }
      String key = ((ScalarNode) k).getValue();
      if (out.put(key, new Node[] {k, t.getValueNode()}) != null) {
        throw error(k, path.isEmpty() ? key : path + "." + key, "duplicate key");
      }
    }
    for (MappingNode merged : merges) {
      entries(merged, path).forEach(out::putIfAbsent);
    }
    return out;
  }

  private String scalar(Node n, String path, java.util.function.Consumer<String> warnings) {
    if (!(n instanceof ScalarNode)) {
      throw error(n, path, "must be a single value, not a " + (n instanceof MappingNode ? "mapping" : "list"));
    }
    String raw = ((ScalarNode) n).getValue();
    if (isNull(n)) {
      return "";
    }
    try {
      return interpolator.interpolate(raw, w -> warnings.accept(display + ":" + line(n) + ": " + path + ": " + w));
    } catch (Interpolator.InterpolationException e) {
      throw error(n, path, e.getMessage());
    }
  }

  private boolean bool(Node n, String path) {
    String v = scalar(n, path, w -> { }).toLowerCase(Locale.ROOT);
    switch (v) {
      case "true":
      case "yes":
      case "on":
        return true;
      case "false":
      case "no":
      case "off":
        return false;
      default:
        throw error(n, path, "'" + v + "' is not true or false");
    }
  }

  private static boolean isNull(Node n) {
    return n instanceof ScalarNode && Tag.NULL.equals(n.getTag());
  }

  private static int line(Node n) {
    return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
  }

  private ComposeFileException error(Node n, String key, String problem) {
    return new ComposeFileException(display, n == null ? 0 : line(n), key, problem);
  }
}
