import Hummingbird
public enum ECMServerPlaceholder {}
