/// <reference types="@leakproof/jest" />
