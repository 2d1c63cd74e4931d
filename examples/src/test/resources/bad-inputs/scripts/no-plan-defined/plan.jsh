import static dev.rollback.Rollback.*;
import dev.rollback.*;

var builder = plan("never built");
