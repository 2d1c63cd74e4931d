package dev.rollback.docker;

/** An image a plan or a compose service names is not on the engine and could not be pulled. */
public class ImageNotFoundException extends DockerEngineException {

  private static final long serialVersionUID = 1L;

  private final String image;

  /**
   * Creates the exception.
   *
   * @param image the image reference that was not found
   * @param message what was looked for, where, and what was tried
   * @param cause the engine's error, may be null
   */
  public ImageNotFoundException(String image, String message, Throwable cause) {
    super(message, cause);
    this.image = image;
  }

  /**
   * The image reference that was not found.
   *
   * @return the image
   */
  public String image() {
    return image;
  }
}
